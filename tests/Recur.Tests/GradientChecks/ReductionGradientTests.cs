using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>Sums, means, softmax and log-softmax against double references.</summary>
public class ReductionGradientTests
{
    private static double[] SoftmaxLane(double[] x)
    {
        double max = x.Max();
        var e = x.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private static double[] LogSoftmaxLane(double[] x)
    {
        double max = x.Max();
        double logSum = max + Math.Log(x.Sum(v => Math.Exp(v - max)));
        return x.Select(v => v - logSum).ToArray();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(1)]
    [InlineData(0)]
    public void Softmax_gradient_matches_finite_differences_along_axis(int axis) =>
        GradientCheck.AgainstReference($"softmax axis {axis}", t => t[0].Softmax(axis), t => t[0].MapLanes(axis, SoftmaxLane),
            CheckInput.Uniform("x", 41, -3, 3, 2, 3, 4));

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(0)]
    public void LogSoftmax_gradient_matches_finite_differences_along_axis(int axis) =>
        GradientCheck.AgainstReference($"log_softmax axis {axis}", t => t[0].LogSoftmax(axis), t => t[0].MapLanes(axis, LogSoftmaxLane),
            CheckInput.Uniform("x", 42, -3, 3, 2, 3, 4));

    [Fact]
    public void Softmax_default_axis_is_the_last() =>
        GradientCheck.AgainstReference("softmax()", t => t[0].Softmax(), t => t[0].MapLanes(-1, SoftmaxLane),
            CheckInput.Uniform("x", 43, -3, 3, 3, 5));

    [Fact]
    public void LogSoftmax_gradient_matches_finite_differences_for_large_logits() =>
        // Logits around 80: e^x overflows float32 without the max shift.
        GradientCheck.AgainstReference("log_softmax large", t => t[0].LogSoftmax(), t => t[0].MapLanes(-1, LogSoftmaxLane),
            new GradientCheckOptions { ForwardAbsoluteTolerance = 1e-4, AbsoluteTolerance = 1e-4 },
            CheckInput.Uniform("x", 44, 78, 84, 3, 5));

    [Fact]
    public void Softmax_gradient_matches_finite_differences_for_large_logits() =>
        GradientCheck.AgainstReference("softmax large", t => t[0].Softmax(), t => t[0].MapLanes(-1, SoftmaxLane),
            new GradientCheckOptions { ForwardAbsoluteTolerance = 1e-4, AbsoluteTolerance = 1e-4 },
            CheckInput.Uniform("x", 45, 95, 100, 3, 5));

    [Fact]
    public void Sum_of_all_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("sum", t => t[0].Sum(), t => t[0].Sum(), CheckInput.Uniform("x", 46, -1, 1, 2, 3, 4));

    [Fact]
    public void Mean_of_all_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("mean", t => t[0].Mean(), t => DoubleTensor.Scalar(t[0].Data.Average()),
            CheckInput.Uniform("x", 47, -1, 1, 2, 3, 4));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(-1, true)]
    public void Sum_along_axis_gradient_matches_finite_differences(int axis, bool keepDim) =>
        GradientCheck.AgainstReference($"sum axis {axis} keepDim {keepDim}", t => t[0].Sum(axis, keepDim),
            t => t[0].ReduceAxis(axis, keepDim, lane => lane.Sum()), CheckInput.Uniform("x", 48, -1, 1, 2, 3, 4));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(-2, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void Mean_along_axis_gradient_matches_finite_differences(int axis, bool keepDim) =>
        GradientCheck.AgainstReference($"mean axis {axis} keepDim {keepDim}", t => t[0].Mean(axis, keepDim),
            t => t[0].ReduceAxis(axis, keepDim, lane => lane.Average()), CheckInput.Uniform("x", 49, -1, 1, 2, 3, 4));

    [Fact]
    public void Sum_along_the_only_axis_of_a_vector_gives_a_scalar_shaped_result() =>
        GradientCheck.AgainstReference("sum axis 0 of [5]", t => t[0].Sum(0), t => t[0].ReduceAxis(0, false, lane => lane.Sum()),
            CheckInput.Uniform("x", 50, -1, 1, 5));
}
