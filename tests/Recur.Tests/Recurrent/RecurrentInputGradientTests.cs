using Recur.Nn;

namespace Recur.Tests.Recurrent;

/// <summary>
/// A batch-first recurrent layer writes its input's gradient in place of a first contribution and adds it to an earlier
/// one: with the input also used by another operation, before or after the layer on the tape, the input's gradient is the
/// sum of the layer's and the other operation's.
/// </summary>
public class RecurrentInputGradientTests
{
    private const int T = 6, B = 3, F = 4, H = 5;

    [Theory]
    [InlineData("lstm", false)]
    [InlineData("lstm", true)]
    [InlineData("gru", false)]
    [InlineData("rnn_tanh", true)]
    public void A_batch_first_input_used_twice_gets_the_sum_of_both_gradients(string kind, bool otherUseFirst)
    {
        var (layerOnly, otherOnly) = (Gradient(kind, useLayer: true, useOther: false, otherUseFirst),
            Gradient(kind, useLayer: false, useOther: true, otherUseFirst));
        var both = Gradient(kind, useLayer: true, useOther: true, otherUseFirst);
        for (int i = 0; i < both.Length; i++)
            Assert.Equal(layerOnly[i] + otherOnly[i], both[i], 6);
    }

    // dL/da for x = 2·a (so x is a result of an operation, with a pass gradient of its own) and
    // L = Σ w ⊙ layer(x) (if useLayer) + Σ v ⊙ x (if useOther), the two recorded in either order.
    private static float[] Gradient(string kind, bool useLayer, bool useOther, bool otherUseFirst)
    {
        var g = new Generator(11);
        var module = RecurrentKinds.Create(kind, F, H, 1, bidirectional: false, batchFirst: true, g);
        var a = Tensor.Uniform(g, -1f, 1f, B, T, F);
        var w = Tensor.Uniform(g, -1f, 1f, B, T, H);
        var v = Tensor.Uniform(g, -1f, 1f, B, T, F);
        a.RequiresGrad = true;
        var x = a * 2f;
        Tensor? other = useOther && otherUseFirst ? (x * v).Sum() : null;
        Tensor? layer = useLayer ? (module.Forward(x, null, null, null).Output * w).Sum() : null;
        if (useOther && !otherUseFirst) other = (x * v).Sum();
        var loss = layer is null ? other! : other is null ? layer : layer + other;
        loss.Backward();
        return a.Grad!.ToArray();
    }
}
