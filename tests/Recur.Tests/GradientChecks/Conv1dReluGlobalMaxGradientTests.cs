using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>The fused convolution → ReLU → global max op against the double-precision convolution, ReLU and max in turn.</summary>
public class Conv1dReluGlobalMaxGradientTests
{
    /// <summary>max over time of relu(conv1d(x)), <c>[B, C_out]</c>.</summary>
    private static DoubleTensor Reference(DoubleTensor x, DoubleTensor w, DoubleTensor? bias, int stride, int padStart, int padEnd, int dilation,
        bool channelsLast)
    {
        var y = Conv1dGradientTests.Reference(x, w, bias, stride, padStart, padEnd, dilation, channelsLast).Map(v => Math.Max(v, 0));
        int outLength = channelsLast ? y.Shape[^2] : y.Shape[^1];
        var pooled = PoolingGradientTests.MaxReference(y, PoolingGradientTests.AdaptiveWindows(outLength, 1), channelsLast);
        return new DoubleTensor(pooled.Data, y.Rank == 3 ? [y.Shape[0], w.Shape[0]] : [w.Shape[0]]);
    }

    [Theory]
    [InlineData(1, 0, 0, 1, false)]
    [InlineData(2, 1, 1, 1, false)]
    [InlineData(1, 2, 1, 1, false)]
    [InlineData(2, 2, 2, 2, false)]   // dilation 2: the three ops in turn
    [InlineData(1, 0, 0, 1, true)]
    [InlineData(2, 1, 1, 1, true)]
    [InlineData(1, 3, 0, 1, true)]
    [InlineData(1, 2, 2, 2, true)]
    public void Conv1d_relu_global_max_gradients_match_finite_differences(int stride, int padStart, int padEnd, int dilation, bool channelsLast)
    {
        // 20 output channels: one vector of the max reduction and a scalar remainder, on any vector width up to 16.
        var x = CheckInput.Uniform("x", 331, -1, 1, channelsLast ? [3, 13, 4] : [3, 4, 13]);
        var w = CheckInput.Uniform("weight", 332, -1, 1, 20, 4, 3);
        var b = CheckInput.Uniform("bias", 333, -0.5, 0.5, 20);
        GradientCheck.AgainstReference(
            $"conv1d → relu → global max, fused, stride={stride} padding=({padStart}, {padEnd}) dilation={dilation} channelsLast={channelsLast}",
            t => Tensor.Conv1dReluGlobalMax(t[0], t[1], t[2], stride, (padStart, padEnd), dilation, channelsLast),
            t => Reference(t[0], t[1], t[2], stride, padStart, padEnd, dilation, channelsLast), x, w, b);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conv1d_relu_global_max_without_bias_on_an_unbatched_input_matches_finite_differences(bool channelsLast) =>
        GradientCheck.AgainstReference($"conv1d → relu → global max, fused, unbatched, no bias, channelsLast={channelsLast}",
            t => Tensor.Conv1dReluGlobalMax(t[0], t[1], channelsLast: channelsLast),
            t => Reference(t[0], t[1], null, 1, 0, 0, 1, channelsLast),
            CheckInput.Uniform("x", 334, -1, 1, channelsLast ? [9, 3] : [3, 9]), CheckInput.Uniform("weight", 335, -1, 1, 5, 3, 4));
}
