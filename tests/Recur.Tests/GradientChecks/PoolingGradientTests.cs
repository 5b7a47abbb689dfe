using Recur.Nn;
using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>Max, adaptive max and adaptive average pooling against double references built from each window's positions.</summary>
public class PoolingGradientTests
{
    /// <summary>The input positions of each output of a sliding window, PyTorch's output length (padding left out).</summary>
    internal static int[][] SlidingWindows(int length, int kernelSize, int stride, int padding, int dilation, bool ceilMode = false)
    {
        int room = length + 2 * padding - dilation * (kernelSize - 1) - 1;
        int outputs = (ceilMode ? (room + stride - 1) / stride : room / stride) + 1;
        if (ceilMode && (outputs - 1) * stride >= length + padding) outputs--;
        return Enumerable.Range(0, outputs).Select(t => Enumerable.Range(0, kernelSize)
            .Select(j => t * stride + j * dilation - padding).Where(p => p >= 0 && p < length).ToArray()).ToArray();
    }

    /// <summary>PyTorch's adaptive bins [⌊i·L/n⌋, ⌈(i+1)·L/n⌉).</summary>
    internal static int[][] AdaptiveWindows(int length, int outputSize) =>
        Enumerable.Range(0, outputSize).Select(i =>
        {
            int start = i * length / outputSize, end = ((i + 1) * length + outputSize - 1) / outputSize;
            return Enumerable.Range(start, end - start).ToArray();
        }).ToArray();

    /// <summary>Max of each window along time ([…, L] or channels-last [B, L, C]); −∞ for a window of padding alone.</summary>
    internal static DoubleTensor MaxReference(DoubleTensor x, int[][] windows, bool channelsLast) =>
        Pool(x, windows, channelsLast, values => values.Length == 0 ? double.NegativeInfinity : values.Max());

    /// <summary>Mean of each window along time.</summary>
    internal static DoubleTensor AverageReference(DoubleTensor x, int[][] windows, bool channelsLast) =>
        Pool(x, windows, channelsLast, values => values.Average());

    private static DoubleTensor Pool(DoubleTensor x, int[][] windows, bool channelsLast, Func<double[], double> reduce)
    {
        int length = channelsLast ? x.Shape[^2] : x.Shape[^1];
        int inner = channelsLast ? x.Shape[^1] : 1;
        int outer = x.Size / (length * inner);
        var shape = (int[])x.Shape.Clone();
        shape[channelsLast ? shape.Length - 2 : shape.Length - 1] = windows.Length;
        var y = new double[outer * windows.Length * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < windows.Length; i++)
                for (int c = 0; c < inner; c++)
                    y[(o * windows.Length + i) * inner + c] = reduce(windows[i].Select(p => x.Data[(o * length + p) * inner + c]).ToArray());
        return new DoubleTensor(y, shape);
    }

    [Theory]
    [InlineData(3, 1, 0, 1, false, false)]
    [InlineData(2, 0, 0, 1, false, false)]   // stride 0: the default, the kernel size
    [InlineData(3, 2, 1, 1, false, false)]
    [InlineData(3, 1, 1, 2, false, false)]
    [InlineData(2, 2, 0, 1, true, false)]
    [InlineData(3, 2, 1, 1, true, false)]
    [InlineData(2, 3, 0, 1, false, false)]   // stride beyond the kernel skips inputs
    [InlineData(3, 2, 1, 2, false, true)]
    [InlineData(2, 2, 0, 1, true, true)]
    public void MaxPool1d_gradient_matches_finite_differences(int kernelSize, int stride, int padding, int dilation, bool ceilMode, bool channelsLast)
    {
        const int length = 11;
        var x = CheckInput.Uniform("x", 401, -1, 1, channelsLast ? [2, length, 3] : [2, 3, length]);
        var windows = SlidingWindows(length, kernelSize, stride == 0 ? kernelSize : stride, padding, dilation, ceilMode);
        GradientCheck.AgainstReference($"max_pool1d k={kernelSize} stride={stride} padding={padding} dilation={dilation} ceil={ceilMode} channelsLast={channelsLast}",
            t => Tensor.MaxPool1d(t[0], kernelSize, stride == 0 ? null : stride, padding, dilation, ceilMode, channelsLast),
            t => MaxReference(t[0], windows, channelsLast), x);
    }

    [Fact]
    public void MaxPool1d_gradient_goes_to_the_larger_of_two_near_ties()
    {
        // Pairs 1e-3 apart, both orders, inside overlapping windows: finite differences (step 1e-6) see which one is larger.
        float[] values = [0.5f, 0.501f, 0.2f, 0.7f, 0.699f, 0.1f, -0.3f, -0.301f, 0.9f, 0.9f - 1e-3f];
        var x = new CheckInput("x", values, [1, 1, values.Length]);
        GradientCheck.AgainstReference("max_pool1d near ties", t => Tensor.MaxPool1d(t[0], 3, 1),
            t => MaxReference(t[0], SlidingWindows(values.Length, 3, 1, 0, 1), channelsLast: false), x);
    }

    [Theory]
    [InlineData(7, 1, false)]
    [InlineData(7, 3, false)]
    [InlineData(6, 4, false)]    // overlapping bins
    [InlineData(7, 7, false)]
    [InlineData(7, 10, false)]   // more outputs than inputs: bins repeat elements
    [InlineData(7, 1, true)]
    [InlineData(7, 3, true)]
    public void AdaptiveMaxPool1d_gradient_matches_finite_differences(int length, int outputSize, bool channelsLast)
    {
        var x = CheckInput.Uniform("x", 402, -1, 1, channelsLast ? [2, length, 3] : [2, 3, length]);
        GradientCheck.AgainstReference($"adaptive_max_pool1d L={length} → {outputSize} channelsLast={channelsLast}",
            t => Tensor.AdaptiveMaxPool1d(t[0], outputSize, channelsLast), t => MaxReference(t[0], AdaptiveWindows(length, outputSize), channelsLast), x);
    }

    [Theory]
    [InlineData(7, 1, false)]
    [InlineData(7, 3, false)]
    [InlineData(6, 4, false)]
    [InlineData(7, 10, false)]
    [InlineData(7, 1, true)]
    [InlineData(7, 3, true)]
    public void AdaptiveAvgPool1d_gradient_matches_finite_differences(int length, int outputSize, bool channelsLast)
    {
        var x = CheckInput.Uniform("x", 403, -1, 1, channelsLast ? [2, length, 3] : [2, 3, length]);
        GradientCheck.AgainstReference($"adaptive_avg_pool1d L={length} → {outputSize} channelsLast={channelsLast}",
            t => Tensor.AdaptiveAvgPool1d(t[0], outputSize, channelsLast), t => AverageReference(t[0], AdaptiveWindows(length, outputSize), channelsLast), x);
    }

    [Fact]
    public void Pooling_on_unbatched_input_gradients_match_finite_differences()
    {
        var x = CheckInput.Uniform("x", 404, -1, 1, 3, 9);
        GradientCheck.AgainstReference("max_pool1d [C, L]", t => Tensor.MaxPool1d(t[0], 3, 2, 1),
            t => MaxReference(t[0], SlidingWindows(9, 3, 2, 1, 1), false), x);
        GradientCheck.AgainstReference("adaptive_max_pool1d [C, L]", t => Tensor.AdaptiveMaxPool1d(t[0], 2),
            t => MaxReference(t[0], AdaptiveWindows(9, 2), false), x);
        GradientCheck.AgainstReference("adaptive_avg_pool1d [L, C]", t => Tensor.AdaptiveAvgPool1d(t[0], 2, channelsLast: true),
            t => AverageReference(t[0], AdaptiveWindows(3, 2), true), x);
    }

    [Fact]
    public void Pooling_modules_gradients_match_finite_differences()
    {
        var x = CheckInput.Uniform("x", 405, -1, 1, 2, 3, 10);
        GradientCheck.AgainstReference("MaxPool1d(3, 2, 1)", t => new MaxPool1d(3, 2, 1).Forward(t[0]),
            t => MaxReference(t[0], SlidingWindows(10, 3, 2, 1, 1), false), x);
        GradientCheck.AgainstReference("AdaptiveMaxPool1d(1)", t => new AdaptiveMaxPool1d(1).Forward(t[0]),
            t => MaxReference(t[0], AdaptiveWindows(10, 1), false), x);
        GradientCheck.AgainstReference("AdaptiveAvgPool1d(4)", t => new AdaptiveAvgPool1d(4).Forward(t[0]),
            t => AverageReference(t[0], AdaptiveWindows(10, 4), false), x);
    }
}
