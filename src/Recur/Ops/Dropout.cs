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
        var mask = new float[_data.Length];
        generator.FillUniform(mask);
        for (int i = 0; i < mask.Length; i++) mask[i] = mask[i] < p ? 0f : scale;
        // Every element is written below.
        var y = new Tensor(Storage.Uninitialized(_data.Length), _shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(_data, mask, y._data);
        // dy/dx = mask
        return Tape.Record(y, "dropout", [this], g =>
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(g._data, mask, GradBuffer(), GradBuffer()));
    }
}
