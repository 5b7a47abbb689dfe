using Xunit;

namespace Recur.Tests.Convolution;

/// <summary>
/// Which element max pooling takes (and so which one gets the gradient) on ties, NaN and −∞: the expected values are
/// PyTorch 1.13's, from <c>F.max_pool1d</c> / <c>F.adaptive_max_pool1d</c> with <c>y.backward(1, 2, 3, …)</c>.
/// </summary>
public class PoolingSemanticsTests
{
    private static (float[] Output, float[] Gradient) Run(float[] values, Func<Tensor, Tensor> pool)
    {
        var x = Tensor.FromArray(values, 1, 1, values.Length);
        x.RequiresGrad = true;
        var y = pool(x);
        // Output i gets weight i + 1, so the gradient says which output chose which element.
        y.Backward(Tensor.FromArray(Enumerable.Range(1, y.Size).Select(i => (float)i).ToArray(), y.Shape));
        return (y.ToArray(), x.Grad!.ToArray());
    }

    [Fact]
    public void MaxPool1d_ties_give_the_gradient_to_the_first_maximum_of_each_window()
    {
        var (y, dx) = Run([1, 3, 3, 2, 3, 1], x => Tensor.MaxPool1d(x, 3, 1));
        Assert.Equal([3f, 3, 3, 3], y);
        // Windows pick positions 1, 1, 2, 4.
        Assert.Equal([0f, 3, 3, 0, 4, 0], dx);
    }

    [Fact]
    public void AdaptiveMaxPool1d_ties_give_the_gradient_to_the_first_maximum_of_each_bin()
    {
        Assert.Equal([0f, 1, 0, 0, 0, 0], Run([1, 3, 3, 2, 3, 1], x => Tensor.AdaptiveMaxPool1d(x, 1)).Gradient);
        // Bins [0, 2), [1, 3), [3, 5), [4, 6) pick 1, 1, 4, 4.
        Assert.Equal([0f, 3, 0, 0, 7, 0], Run([1, 3, 3, 2, 3, 1], x => Tensor.AdaptiveMaxPool1d(x, 4)).Gradient);
    }

    [Fact]
    public void MaxPool1d_takes_the_last_nan_of_a_window_and_outputs_nan()
    {
        var (y, dx) = Run([1, float.NaN, 3, float.NaN, 2, 5], x => Tensor.MaxPool1d(x, 3, 1));
        Assert.All(y, v => Assert.True(float.IsNaN(v)));
        // Windows pick positions 1, 3, 3, 3.
        Assert.Equal([0f, 1, 0, 9, 0, 0], dx);
    }

    [Fact]
    public void AdaptiveMaxPool1d_takes_the_last_nan_of_a_bin()
    {
        float[] values = [1, float.NaN, 3, float.NaN, 2, 5];
        Assert.Equal([0f, 0, 0, 1, 0, 0], Run(values, x => Tensor.AdaptiveMaxPool1d(x, 1)).Gradient);
        // Bins [0, 3) and [3, 6) pick 1 and 3.
        Assert.Equal([0f, 1, 0, 2, 0, 0], Run(values, x => Tensor.AdaptiveMaxPool1d(x, 2)).Gradient);
    }

    [Fact]
    public void Global_max_pool_over_a_long_run_keeps_the_first_tie_the_last_nan_and_a_negative_zero()
    {
        // 40 steps: the maximum is found in vectors there, with the same choice as the short windows above.
        float[] ties = Enumerable.Range(0, 40).Select(i => i is 7 or 23 or 39 ? 5f : -i).ToArray();
        Assert.Equal(7, Array.IndexOf(Run(ties, x => Tensor.AdaptiveMaxPool1d(x, 1)).Gradient, 1f));
        float[] nans = Enumerable.Range(0, 40).Select(i => i is 3 or 30 ? float.NaN : i).ToArray();
        var (y, dx) = Run(nans, x => Tensor.AdaptiveMaxPool1d(x, 1));
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(30, Array.IndexOf(dx, 1f));
        // −0 before +0: neither is larger, so the first is taken, sign and all.
        float[] zeros = Enumerable.Range(0, 40).Select(i => i == 5 ? -0f : i == 6 ? 0f : -1f - i).ToArray();
        var (zero, dZero) = Run(zeros, x => Tensor.AdaptiveMaxPool1d(x, 1));
        Assert.True(float.IsNegative(zero[0]) && zero[0] == 0f);
        Assert.Equal(5, Array.IndexOf(dZero, 1f));
    }

    [Fact]
    public void MaxPool1d_with_dilation_picks_within_the_dilated_window()
    {
        // Windows {0, 2, 4} = (1, 3, 2) → 2 and {1, 3, 5} = (NaN, NaN, 5) → 3.
        var (y, dx) = Run([1, float.NaN, 3, float.NaN, 2, 5], x => Tensor.MaxPool1d(x, 3, 1, dilation: 2));
        Assert.Equal(3f, y[0]);
        Assert.True(float.IsNaN(y[1]));
        Assert.Equal([0f, 0, 1, 2, 0, 0], dx);
    }

    [Fact]
    public void MaxPool1d_padding_counts_as_minus_infinity_and_an_all_minus_infinity_window_takes_its_first_input()
    {
        float ninf = float.NegativeInfinity;
        var (y, dx) = Run([ninf, ninf, ninf, 1], x => Tensor.MaxPool1d(x, 2, 1, padding: 1));
        Assert.Equal([ninf, ninf, ninf, 1, 1], y);
        // Windows (pad, x0) → 0, (x0, x1) → 0, (x1, x2) → 1, (x2, x3) → 3, (x3, pad) → 3.
        Assert.Equal([3f, 3, 0, 9], dx);
    }

    [Fact]
    public void MaxPool1d_window_of_padding_alone_gives_minus_infinity_and_no_gradient()
    {
        // k = 2, dilation 3, padding 1 on L = 2: the only window reads positions −1 and 2, both outside the input.
        // (PyTorch also outputs −∞ here, but records an index past the input.)
        var (y, dx) = Run([1, 2], x => Tensor.MaxPool1d(x, 2, 1, padding: 1, dilation: 3));
        Assert.Equal([float.NegativeInfinity], y);
        Assert.Equal([0f, 0], dx);
    }

    [Fact]
    public void MaxPool1d_ceil_mode_keeps_a_last_partial_window_but_not_one_starting_in_the_padding()
    {
        var x = Tensor.Zeros(1, 1, 5);
        Assert.Equal([1, 1, 2], Tensor.MaxPool1d(x, 2, 2).Shape);
        Assert.Equal([1, 1, 3], Tensor.MaxPool1d(x, 2, 2, ceilMode: true).Shape);
        Assert.Equal([1, 1, 3], Tensor.MaxPool1d(x, 2, 2, padding: 1, ceilMode: true).Shape);
        // In ceil mode a window may reach past the end padding: L = 2, k = 3, stride 2 gives one output (PyTorch does too).
        var (y, _) = Run([4, 7], t => Tensor.MaxPool1d(t, 3, 2, ceilMode: true));
        Assert.Equal([7f], y);
    }

    [Fact]
    public void Adaptive_pooling_bins_follow_pytorch_when_the_output_is_longer_than_the_input()
    {
        // PyTorch: adaptive_avg_pool1d([1, 2, 3], 4) = [1, 1.5, 2.5, 3]; adaptive_max_pool1d = [1, 2, 3, 3].
        var (avg, dAvg) = Run([1, 2, 3], x => Tensor.AdaptiveAvgPool1d(x, 4));
        Assert.Equal([1f, 1.5f, 2.5f, 3f], avg);
        Assert.Equal([2f, 2.5f, 5.5f], dAvg);
        var (max, dMax) = Run([1, 2, 3], x => Tensor.AdaptiveMaxPool1d(x, 4));
        Assert.Equal([1f, 2, 3, 3], max);
        Assert.Equal([1f, 2, 7], dMax);
    }
}
