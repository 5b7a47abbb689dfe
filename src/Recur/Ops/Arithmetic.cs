using System.Numerics.Tensors;
using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    // Elementwise a ∘ b with PyTorch broadcasting. Backward sums each input's gradient over the
    // dimensions it was broadcast along.

    /// <summary>a + b, broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    /// <summary>a − b, broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    /// <summary>a ⊙ b (elementwise), broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    /// <summary>a ⊘ b (elementwise), broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    /// <summary>Elementwise sum with broadcasting (e.g. a bias <c>[H]</c> onto <c>[B, H]</c>).</summary>
    public Tensor Add(Tensor other) => Binary(this, other, "add", TensorPrimitives.Add, static (g, a, b, ga, gb, _) =>
    {
        // d(a+b)/da = 1, d(a+b)/db = 1
        ga?.Invoke(g);
        gb?.Invoke(g);
    });

    /// <summary>Elementwise difference with broadcasting.</summary>
    public Tensor Sub(Tensor other) => Binary(this, other, "sub", TensorPrimitives.Subtract, static (g, a, b, ga, gb, _) =>
    {
        // d(a-b)/da = 1, d(a-b)/db = -1
        ga?.Invoke(g);
        if (gb is not null) { var n = new float[g.Length]; TensorPrimitives.Negate(g, n); gb(n); }
    });

    /// <summary>Elementwise product with broadcasting.</summary>
    public Tensor Mul(Tensor other) => Binary(this, other, "mul", TensorPrimitives.Multiply, static (g, a, b, ga, gb, _) =>
    {
        // d(a·b)/da = b, d(a·b)/db = a
        if (ga is not null) { var t = new float[g.Length]; TensorPrimitives.Multiply(g, b, t); ga(t); }
        if (gb is not null) { var t = new float[g.Length]; TensorPrimitives.Multiply(g, a, t); gb(t); }
    });

    /// <summary>Elementwise quotient with broadcasting.</summary>
    public Tensor Div(Tensor other) => Binary(this, other, "div", TensorPrimitives.Divide, static (g, a, b, ga, gb, output) =>
    {
        // d(a/b)/da = 1/b, d(a/b)/db = -a/b² = -(a/b)/b
        if (ga is not null) { var t = new float[g.Length]; TensorPrimitives.Divide(g, b, t); ga(t); }
        if (gb is not null)
        {
            var t = new float[g.Length];
            TensorPrimitives.Multiply(g, output, t);
            TensorPrimitives.Divide(t, b, t);
            TensorPrimitives.Negate(t, t);
            gb(t);
        }
    });

    private delegate void SpanKernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result);

    /// <summary>
    /// Backward of a binary op on operands already expanded to the output shape: given the output
    /// gradient, the expanded operands and the output, hand each input's full-size gradient to its sink.
    /// </summary>
    private delegate void BinaryBackward(float[] gradOut, float[] a, float[] b, Action<float[]>? gradA, Action<float[]>? gradB, float[] output);

    private static Tensor Binary(Tensor a, Tensor b, string op, SpanKernel kernel, BinaryBackward backward)
    {
        var shape = Broadcasting.ResultShape(a._shape, b._shape, op);
        var ea = Broadcasting.Expand(a._data, a._shape, shape);
        var eb = Broadcasting.Expand(b._data, b._shape, shape);
        var result = new float[ea.Length];
        kernel(ea, eb, result);
        var output = new Tensor(result, shape);
        return Tape.Record(output, op, [a, b], g =>
        {
            Action<float[]>? sinkA = a.RequiresGrad ? ga => Broadcasting.AccumulateReduced(ga, shape, a.GradBuffer(), a._shape) : null;
            Action<float[]>? sinkB = b.RequiresGrad ? gb => Broadcasting.AccumulateReduced(gb, shape, b.GradBuffer(), b._shape) : null;
            backward(g._data, ea, eb, sinkA, sinkB, result);
        });
    }
}
