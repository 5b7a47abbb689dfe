using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>Activations, scalar arithmetic and broadcasting binary arithmetic against double references.</summary>
public class ElementwiseGradientTests
{
    [Fact]
    public void Sigmoid_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("sigmoid", x => x[0].Sigmoid(), x => x[0].Map(v => 1 / (1 + Math.Exp(-v))),
            CheckInput.Uniform("x", 1, -4, 4, 3, 5));

    [Fact]
    public void Tanh_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("tanh", x => x[0].Tanh(), x => x[0].Map(Math.Tanh),
            CheckInput.Uniform("x", 2, -3, 3, 3, 5));

    [Fact]
    public void Relu_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("relu", x => x[0].Relu(), x => x[0].Map(v => Math.Max(v, 0)),
            CheckInput.AwayFromZero("x", 3, 0.05, 2, 4, 5));

    [Fact]
    public void Exp_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("exp", x => x[0].Exp(), x => x[0].Map(Math.Exp),
            CheckInput.Uniform("x", 4, -2, 2, 2, 3, 2));

    [Fact]
    public void Log_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("log", x => x[0].Log(), x => x[0].Map(Math.Log),
            CheckInput.Uniform("x", 5, 0.2, 3, 3, 4));

    [Fact]
    public void Scalar_add_gradient_matches_finite_differences()
    {
        var x = CheckInput.Uniform("x", 6, -2, 2, 3, 4);
        GradientCheck.AgainstReference("add_scalar", t => t[0].Add(1.5f), t => t[0].Map(v => v + 1.5), x);
        GradientCheck.AgainstReference("x + s", t => t[0] + 1.5f, t => t[0].Map(v => v + 1.5), x);
        GradientCheck.AgainstReference("s + x", t => 1.5f + t[0], t => t[0].Map(v => 1.5 + v), x);
        GradientCheck.AgainstReference("x - s", t => t[0] - 0.75f, t => t[0].Map(v => v - 0.75), x);
    }

    [Fact]
    public void Scalar_rsub_gradient_matches_finite_differences()
    {
        var x = CheckInput.Uniform("x", 7, -2, 2, 3, 4);
        GradientCheck.AgainstReference("rsub_scalar", t => t[0].RSub(2f), t => t[0].Map(v => 2 - v), x);
        GradientCheck.AgainstReference("s - x", t => 1f - t[0], t => t[0].Map(v => 1 - v), x);
        GradientCheck.AgainstReference("-x", t => -t[0], t => t[0].Map(v => -v), x);
    }

    [Fact]
    public void Scalar_mul_gradient_matches_finite_differences()
    {
        var x = CheckInput.Uniform("x", 8, -2, 2, 3, 4);
        GradientCheck.AgainstReference("mul_scalar", t => t[0].Mul(-2.5f), t => t[0].Map(v => -2.5 * v), x);
        GradientCheck.AgainstReference("s * x", t => 3f * t[0], t => t[0].Map(v => 3 * v), x);
        GradientCheck.AgainstReference("x * s", t => t[0] * 0.5f, t => t[0].Map(v => v * 0.5), x);
    }

    [Fact]
    public void Scalar_div_gradient_matches_finite_differences()
    {
        var x = CheckInput.Uniform("x", 9, -2, 2, 3, 4);
        GradientCheck.AgainstReference("div_scalar", t => t[0].Div(-4f), t => t[0].Map(v => v / -4), x);
        GradientCheck.AgainstReference("x / s", t => t[0] / 0.5f, t => t[0].Map(v => v / 0.5), x);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    [InlineData(-1.5)]
    [InlineData(3.0)]
    public void Scalar_pow_gradient_matches_finite_differences_for_positive_bases(double p) =>
        GradientCheck.AgainstReference($"pow_scalar {p}", t => t[0].Pow((float)p), t => t[0].Map(v => Math.Pow(v, p)),
            CheckInput.Uniform("x", 10, 0.3, 2, 3, 4));

    [Theory]
    [InlineData(2.0)]
    [InlineData(3.0)]
    public void Scalar_pow_with_integer_exponent_gradient_matches_finite_differences_for_negative_bases(double p) =>
        GradientCheck.AgainstReference($"pow_scalar {p}", t => t[0].Pow((float)p), t => t[0].Map(v => Math.Pow(v, p)),
            CheckInput.AwayFromZero("x", 11, 0.3, 2, 3, 4));

    public static TheoryData<string, int[], int[]> BroadcastCases()
    {
        var data = new TheoryData<string, int[], int[]>();
        (int[] A, int[] B)[] patterns =
        [
            ([3, 4], [3, 4]),
            ([3, 4], [4]),
            ([4], [3, 4]),
            ([2, 1, 4], [3, 1]),
            ([3, 4], [3, 1]),
            ([1, 4], [3, 1]),
            ([], [3, 4]),
            ([3, 4], []),
            ([], []),
            ([2, 3, 4], [1]),
        ];
        foreach (var op in new[] { "add", "sub", "mul", "div" })
            foreach (var (a, b) in patterns)
                data.Add(op, a, b);
        return data;
    }

    [Theory]
    [MemberData(nameof(BroadcastCases))]
    public void Broadcast_binary_op_gradient_matches_finite_differences(string op, int[] shapeA, int[] shapeB)
    {
        Func<Tensor, Tensor, Tensor> recur = op switch
        {
            "add" => (a, b) => a + b,
            "sub" => (a, b) => a - b,
            "mul" => (a, b) => a * b,
            _ => (a, b) => a / b,
        };
        Func<double, double, double> formula = op switch
        {
            "add" => (a, b) => a + b,
            "sub" => (a, b) => a - b,
            "mul" => (a, b) => a * b,
            _ => (a, b) => a / b,
        };
        // b stays away from 0 so a/b is smooth.
        GradientCheck.AgainstReference($"{op} {Tensor.ShapeText(shapeA)}, {Tensor.ShapeText(shapeB)}",
            t => recur(t[0], t[1]), t => DoubleTensor.Zip(t[0], t[1], formula),
            CheckInput.Uniform("a", 12, -2, 2, shapeA), CheckInput.AwayFromZero("b", 13, 0.5, 2, shapeB));
    }

    [Theory]
    [InlineData("add")]
    [InlineData("sub")]
    [InlineData("mul")]
    [InlineData("div")]
    public void Binary_op_gradient_reaches_only_the_operand_that_requires_it(string op)
    {
        Func<Tensor, Tensor, Tensor> recur = op switch
        {
            "add" => (a, b) => a.Add(b),
            "sub" => (a, b) => a.Sub(b),
            "mul" => (a, b) => a.Mul(b),
            _ => (a, b) => a.Div(b),
        };
        Func<double, double, double> formula = op switch
        {
            "add" => (a, b) => a + b,
            "sub" => (a, b) => a - b,
            "mul" => (a, b) => a * b,
            _ => (a, b) => a / b,
        };
        var a = CheckInput.Uniform("a", 14, -2, 2, 2, 3);
        var b = CheckInput.AwayFromZero("b", 15, 0.5, 2, 3);
        GradientCheck.AgainstReference(op, t => recur(t[0], t[1]), t => DoubleTensor.Zip(t[0], t[1], formula), a.Constant(), b);
        GradientCheck.AgainstReference(op, t => recur(t[0], t[1]), t => DoubleTensor.Zip(t[0], t[1], formula), a, b.Constant());
    }
}
