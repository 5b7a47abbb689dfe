using System.Numerics;
using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>
    /// Inverted dropout: in training, each element is zeroed with probability <paramref name="p"/> and the
    /// survivors are scaled by 1/(1−p); outside training it is the identity (returns this tensor).
    /// </summary>
    public Tensor Dropout(float p, bool training, Generator generator)
    {
        if (!(p >= 0f && p <= 1f))
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
        ArgumentNullException.ThrowIfNull(generator);
        if (!training || p == 0f) return this;
        float scale = p == 1f ? 0f : 1f / (1f - p);
        // Every element of the mask is drawn, then made 0 or the scale.
        var mask = Storage.Uninitialized(_data.Length);
        generator.FillUniform(mask);
        KeepOrDrop(mask, p, scale);
        // Every element is written below.
        var y = new Tensor(Storage.Uninitialized(_data.Length), _shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(_data, mask, y._data);
        // dy/dx = mask
        return Tape.Record(y, "dropout", [this], g =>
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(g._data, mask, GradBuffer(), GradBuffer()));
    }

    /// <summary>
    /// <c>u ← u &lt; p ? 0 : scale</c> for uniform draws u. Branch-free: a branch per element mispredicts at every
    /// unpredictable draw (30 % of them at p = 0.3), which cost as much as drawing the numbers.
    /// </summary>
    private static void KeepOrDrop(Span<float> draws, float p, float scale)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var threshold = new Vector<float>(p);
            var kept = new Vector<float>(scale);
            for (int width = Vector<float>.Count; i <= draws.Length - width; i += width)
                Vector.ConditionalSelect(Vector.LessThan(new Vector<float>(draws[i..]), threshold), Vector<float>.Zero, kept).CopyTo(draws[i..]);
        }
        for (; i < draws.Length; i++) draws[i] = draws[i] < p ? 0f : scale;
    }
}
