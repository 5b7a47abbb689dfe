using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>Matrix product and the affine map against triple-loop references.</summary>
public class MatMulGradientTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMul_gradient_matches_finite_differences(bool transposeA, bool transposeB)
    {
        const int m = 3, k = 4, n = 5;
        // Stored shapes: A is [m, k] or [k, m]; B is [k, n] or [n, k].
        var a = CheckInput.Uniform("a", 21, -1, 1, transposeA ? [k, m] : [m, k]);
        var b = CheckInput.Uniform("b", 22, -1, 1, transposeB ? [n, k] : [k, n]);
        GradientCheck.AgainstReference($"matmul transposeA={transposeA} transposeB={transposeB}",
            t => Tensor.MatMul(t[0], t[1], transposeA, transposeB),
            t => DoubleTensor.MatMul(transposeA ? t[0].Transpose2D() : t[0], transposeB ? t[1].Transpose2D() : t[1]),
            a, b);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void MatMul_gradient_matches_finite_differences_across_microkernel_tile_edges(bool transposeA, bool transposeB)
    {
        // 7 rows (a 6-row tile plus one), 67 columns (a 64-wide tile plus three), k = 9.
        const int m = 7, k = 9, n = 67;
        var a = CheckInput.Uniform("a", 36, -1, 1, transposeA ? [k, m] : [m, k]);
        var b = CheckInput.Uniform("b", 37, -1, 1, transposeB ? [n, k] : [k, n]);
        GradientCheck.AgainstReference($"matmul {m}x{k}x{n} transposeA={transposeA} transposeB={transposeB}",
            t => Tensor.MatMul(t[0], t[1], transposeA, transposeB),
            t => DoubleTensor.MatMul(transposeA ? t[0].Transpose2D() : t[0], transposeB ? t[1].Transpose2D() : t[1]),
            a, b);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMul_forward_and_gradients_match_double_formulas_for_large_shapes(bool transposeA, bool transposeB)
    {
        // Large enough for cache blocking and for splitting over threads; gradients checked against the closed
        // forms d op(A) = G · op(B)ᵀ and d op(B) = op(A)ᵀ · G in double (finite differences would be too slow here).
        const int m = 131, k = 300, n = 149;
        var ai = CheckInput.Uniform("a", 38, -1, 1, transposeA ? [k, m] : [m, k]);
        var bi = CheckInput.Uniform("b", 39, -1, 1, transposeB ? [n, k] : [k, n]);
        var gi = CheckInput.Uniform("g", 40, -1, 1, m, n);
        var a = ai.ToTensor();
        var b = bi.ToTensor();
        var c = Tensor.MatMul(a, b, transposeA, transposeB);
        c.Backward(gi.ToTensor().Detach());

        var opA = transposeA ? ai.ToDouble().Transpose2D() : ai.ToDouble();
        var opB = transposeB ? bi.ToDouble().Transpose2D() : bi.ToDouble();
        var g = gi.ToDouble();
        AssertClose("C", DoubleTensor.MatMul(opA, opB), c);
        var dOpA = DoubleTensor.MatMul(g, opB.Transpose2D());
        var dOpB = DoubleTensor.MatMul(opA.Transpose2D(), g);
        AssertClose("dA", transposeA ? dOpA.Transpose2D() : dOpA, a.Grad!);
        AssertClose("dB", transposeB ? dOpB.Transpose2D() : dOpB, b.Grad!);
    }

    private static void AssertClose(string what, DoubleTensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var values = actual.ToArray();
        for (int i = 0; i < values.Length; i++)
            if (Math.Abs(values[i] - expected.Data[i]) > 1e-4 + 1e-4 * Math.Abs(expected.Data[i]))
                Assert.Fail($"{what} at {GradientCheck.IndexText(i, actual.Shape)}: Recur {values[i]}, double {expected.Data[i]}.");
    }

    [Fact]
    public void MatMul_of_a_tensor_with_its_own_transpose_accumulates_both_gradients() =>
        GradientCheck.AgainstReference("x·xᵀ", t => Tensor.MatMul(t[0], t[0], transposeB: true),
            t => DoubleTensor.MatMul(t[0], t[0].Transpose2D()), CheckInput.Uniform("x", 41, -1, 1, 3, 4));

    [Fact]
    public void MatMul_instance_method_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("a.MatMul(b)", t => t[0].MatMul(t[1]), t => DoubleTensor.MatMul(t[0], t[1]),
            CheckInput.Uniform("a", 23, -1, 1, 1, 6), CheckInput.Uniform("b", 24, -1, 1, 6, 2));

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void MatMul_gradient_matches_finite_differences_when_one_operand_is_constant(bool aConstant, bool bConstant)
    {
        var a = CheckInput.Uniform("a", 25, -1, 1, 4, 3);
        var b = CheckInput.Uniform("b", 26, -1, 1, 3, 2);
        GradientCheck.AgainstReference("matmul", t => Tensor.MatMul(t[0], t[1]), t => DoubleTensor.MatMul(t[0], t[1]),
            aConstant ? a.Constant() : a, bConstant ? b.Constant() : b);
    }

    /// <summary>y[…, o] = Σ_i x[…, i]·W[o, i] + b[o].</summary>
    private static DoubleTensor LinearReference(DoubleTensor x, DoubleTensor w, DoubleTensor? bias)
    {
        int outF = w.Shape[0], inF = w.Shape[1];
        var shape = (int[])x.Shape.Clone();
        shape[^1] = outF;
        var y = DoubleTensor.Zeros(shape);
        foreach (var index in DoubleTensor.Indices(shape))
        {
            int o = index[^1];
            double s = bias is null ? 0 : bias[o];
            var xi = (int[])index.Clone();
            for (int i = 0; i < inF; i++) { xi[^1] = i; s += x[xi] * w[o, i]; }
            y[index] = s;
        }
        return y;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Linear_gradient_matches_finite_differences_for_3d_input(bool withBias)
    {
        var x = CheckInput.Uniform("x", 27, -1, 1, 2, 3, 4);
        var w = CheckInput.Uniform("weight", 28, -1, 1, 5, 4);
        var b = CheckInput.Uniform("bias", 29, -1, 1, 5);
        if (withBias)
            GradientCheck.AgainstReference("linear with bias", t => Tensor.Linear(t[0], t[1], t[2]),
                t => LinearReference(t[0], t[1], t[2]), x, w, b);
        else
            GradientCheck.AgainstReference("linear without bias", t => Tensor.Linear(t[0], t[1], null),
                t => LinearReference(t[0], t[1], null), x, w);
    }

    [Theory]
    [InlineData(new[] { 4 })]
    [InlineData(new[] { 6, 4 })]
    public void Linear_gradient_matches_finite_differences_for_1d_and_2d_input(int[] xShape) =>
        GradientCheck.AgainstReference($"linear {Tensor.ShapeText(xShape)}", t => Tensor.Linear(t[0], t[1], t[2]),
            t => LinearReference(t[0], t[1], t[2]),
            CheckInput.Uniform("x", 30, -1, 1, xShape), CheckInput.Uniform("weight", 31, -1, 1, 3, 4),
            CheckInput.Uniform("bias", 32, -1, 1, 3));

    [Fact]
    public void Linear_gradient_matches_finite_differences_with_constant_input() =>
        GradientCheck.AgainstReference("linear, x constant", t => Tensor.Linear(t[0], t[1], t[2]),
            t => LinearReference(t[0], t[1], t[2]),
            CheckInput.Uniform("x", 33, -1, 1, 5, 4).Constant(), CheckInput.Uniform("weight", 34, -1, 1, 3, 4),
            CheckInput.Uniform("bias", 35, -1, 1, 3));
}
