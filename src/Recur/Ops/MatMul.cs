using Recur.Autograd;
using Recur.Kernels;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>Matrix product of two 2-D tensors, <c>op(a) · op(b)</c>, where op transposes when asked.</summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        if (a._shape.Length != 2 || b._shape.Length != 2)
            throw new ArgumentException($"MatMul needs 2-D tensors but got {ShapeText(a._shape)} and {ShapeText(b._shape)}.");
        int m = transposeA ? a._shape[1] : a._shape[0];
        int k = transposeA ? a._shape[0] : a._shape[1];
        int kb = transposeB ? b._shape[1] : b._shape[0];
        int n = transposeB ? b._shape[0] : b._shape[1];
        if (k != kb)
            throw new ArgumentException(
                $"MatMul: {ShapeText(a._shape)}{(transposeA ? "ᵀ" : "")} · {ShapeText(b._shape)}{(transposeB ? "ᵀ" : "")} — inner dimensions {k} and {kb} differ.");
        var c = new Tensor(Storage.Zeroed(m * n), [m, n]);
        Gemm.Multiply(a._data, b._data, c._data, m, n, k, transposeA, transposeB);
        return Tape.Record(c, "matmul", [a, b], g =>
        {
            var dc = g._data;
            if (a.RequiresGrad)
            {
                // C = op(A)·op(B) ⇒ d op(A) = dC · op(B)ᵀ; stored A is op(A) or its transpose.
                if (!transposeA) Gemm.Multiply(dc, b._data, a.GradBuffer(), m, k, n, transposeB: !transposeB, accumulate: true);
                else Gemm.Multiply(b._data, dc, a.GradBuffer(), k, m, n, transposeA: transposeB, transposeB: true, accumulate: true);
            }
            if (b.RequiresGrad)
            {
                // d op(B) = op(A)ᵀ · dC
                if (!transposeB) Gemm.Multiply(a._data, dc, b.GradBuffer(), k, n, m, transposeA: !transposeA, accumulate: true);
                else Gemm.Multiply(dc, a._data, b.GradBuffer(), n, k, m, transposeA: true, transposeB: transposeA, accumulate: true);
            }
        });
    }

    /// <summary>Matrix product <c>this · other</c> of 2-D tensors.</summary>
    public Tensor MatMul(Tensor other) => MatMul(this, other);

    /// <summary>
    /// Affine map <c>y = x · Wᵀ + b</c> over the last dimension (PyTorch's <c>F.linear</c>): x is <c>[…, in]</c>,
    /// weight <c>[out, in]</c>, bias <c>[out]</c> or null; y is <c>[…, out]</c>. One tape node.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        int rows = LinearRows(x, weight, bias, "Linear");
        var shape = x.Shape;
        shape[^1] = weight._shape[0];
        var y = new Tensor(Storage.Uninitialized(rows * weight._shape[0]), shape);
        LinearForward(x, weight, bias, rows, y._data);
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Tape.Record(y, "linear", inputs, g => LinearBackward(g._data, x, weight, bias, rows));
    }

    /// <summary>
    /// Checks the operands of <c>x · Wᵀ + b</c> (<paramref name="op"/> names the caller in messages) and returns the rows
    /// of x: its size over the last dimension.
    /// </summary>
    internal static int LinearRows(Tensor x, Tensor weight, Tensor? bias, string op)
    {
        if (weight._shape.Length != 2)
            throw new ArgumentException($"{op}: weight must be [out, in] but has shape {ShapeText(weight._shape)}.");
        int outFeatures = weight._shape[0], inFeatures = weight._shape[1];
        if (x._shape.Length == 0 || x._shape[^1] != inFeatures)
            throw new ArgumentException($"{op} expects input [..., {inFeatures}] but got {ShapeText(x._shape)}.");
        if (bias is not null && (bias._shape.Length != 1 || bias._shape[0] != outFeatures))
            throw new ArgumentException($"{op}: bias must be [{outFeatures}] but has shape {ShapeText(bias._shape)}.");
        return inFeatures == 0 ? SizeOf(x._shape.AsSpan(0, x._shape.Length - 1)) : x._data.Length / inFeatures;
    }

    /// <summary><paramref name="y"/> [rows, out] = x · Wᵀ + b, every element written.</summary>
    internal static void LinearForward(Tensor x, Tensor weight, Tensor? bias, int rows, float[] y)
    {
        int outFeatures = weight._shape[0], inFeatures = weight._shape[1];
        if (bias is not null)
            for (int r = 0; r < rows; r++) bias._data.CopyTo(y, r * outFeatures);
        // y = x·Wᵀ (+ b already in place)
        Gemm.Multiply(x._data, weight._data, y, rows, outFeatures, inFeatures, transposeB: true, accumulate: bias is not null);
    }

    /// <summary>Adds the gradients of <c>y = x · Wᵀ + b</c> for the output gradient <paramref name="dy"/> [rows, out] to those of x, W and b that require them.</summary>
    internal static void LinearBackward(float[] dy, Tensor x, Tensor weight, Tensor? bias, int rows)
    {
        int outFeatures = weight._shape[0], inFeatures = weight._shape[1];
        // dx = dy · W
        if (x.RequiresGrad) Gemm.Multiply(dy, weight._data, x.GradBuffer(), rows, inFeatures, outFeatures, accumulate: true);
        // dW = dyᵀ · x
        if (weight.RequiresGrad) Gemm.Multiply(dy, x._data, weight.GradBuffer(), outFeatures, inFeatures, rows, transposeA: true, accumulate: true);
        // db = Σ_rows dy
        if (bias is not null && bias.RequiresGrad)
        {
            var db = bias.GradBuffer();
            for (int r = 0; r < rows; r++)
                System.Numerics.Tensors.TensorPrimitives.Add(db, dy.AsSpan(r * outFeatures, outFeatures), db);
        }
    }
}
