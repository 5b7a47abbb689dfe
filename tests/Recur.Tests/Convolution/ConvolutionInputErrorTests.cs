using Recur.Nn;
using Xunit;

namespace Recur.Tests.Convolution;

/// <summary>Bad shapes and arguments get exceptions that name the layer, the shapes and the argument.</summary>
public class ConvolutionInputErrorTests
{
    [Fact]
    public void Conv1d_with_the_wrong_number_of_input_channels_names_the_layer_and_both_shapes()
    {
        var layer = new Conv1d(32, 64, 5);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(8, 16, 60)));
        Assert.StartsWith("Conv1d(32, 64, k=5) expects input [B, 32, L] or [32, L] but got [8, 16, 60].", e.Message);
    }

    [Fact]
    public void Conv1d_channels_last_says_which_layout_it_expects()
    {
        var layer = new Conv1d(32, 64, 5, channelsLast: true);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(8, 32, 60)));
        Assert.StartsWith("Conv1d(32, 64, k=5, channels last) expects input [B, L, 32] or [L, 32] but got [8, 32, 60].", e.Message);
    }

    [Theory]
    [InlineData(new[] { 60 })]
    [InlineData(new[] { 2, 8, 32, 60 })]
    public void Conv1d_with_an_input_of_the_wrong_rank_is_refused(int[] shape)
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv1d(32, 64, 5).Forward(Tensor.Zeros(shape)));
        Assert.Contains($"expects input [B, 32, L] or [32, L] but got {Tensor.ShapeText(shape)}", e.Message);
    }

    [Fact]
    public void Conv1d_on_a_sequence_shorter_than_the_kernel_says_how_long_the_kernel_is()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv1d(32, 64, 5, dilation: 2, padding: 1).Forward(Tensor.Zeros(8, 32, 6)));
        Assert.StartsWith("Conv1d(32, 64, k=5, padding=1, dilation=2): input length 6 is too short: the kernel spans 9 steps " +
            "but the padded input has 8 (input [8, 32, 6]).", e.Message);
    }

    [Fact]
    public void Conv1d_op_refuses_a_bias_or_weight_of_the_wrong_shape()
    {
        var x = Tensor.Zeros(2, 3, 10);
        var e = Assert.Throws<ArgumentException>(() => Tensor.Conv1d(x, Tensor.Zeros(4, 3, 3), Tensor.Zeros(3)));
        Assert.StartsWith("Conv1d(3, 4, k=3): bias must be [4] but has shape [3].", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Conv1d(x, Tensor.Zeros(4, 3)));
        Assert.StartsWith("Conv1d: weight must be [out_channels, in_channels, kernel_size] with positive sizes but has shape [4, 3].", e.Message);
    }

    [Fact]
    public void Conv1d_refuses_bad_stride_dilation_padding_and_sizes()
    {
        var x = Tensor.Zeros(2, 3, 10);
        var w = Tensor.Zeros(4, 3, 3);
        Assert.Contains("stride must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Conv1d(x, w, stride: 0)).Message);
        Assert.Contains("dilation must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Conv1d(x, w, dilation: 0)).Message);
        Assert.Contains("padding must not be negative", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Conv1d(x, w, padding: -1)).Message);
        Assert.Contains("stride must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(3, 4, 3, stride: 0)).Message);
        Assert.Contains("padding must not be negative", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(3, 4, 3, padding: -2)).Message);
        Assert.Contains("must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(0, 4, 3)).Message);
        Assert.Contains("must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(3, 4, 0)).Message);
    }

    [Fact]
    public void MaxPool1d_refuses_padding_beyond_half_the_kernel_as_pytorch_does()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool1d(2, 1, padding: 2));
        Assert.Contains("MaxPool1d(kernel_size=2, stride=1, padding=2): padding must be between 0 and half the kernel size (1).", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.MaxPool1d(Tensor.Zeros(1, 1, 6), 2, 1, padding: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool1d(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool1d(2, stride: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool1d(2, dilation: 0));
    }

    [Fact]
    public void MaxPool1d_on_a_sequence_shorter_than_the_window_and_on_the_wrong_rank_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new MaxPool1d(3, 1).Forward(Tensor.Zeros(1, 1, 2)));
        Assert.StartsWith("MaxPool1d(kernel_size=3, stride=1): input length 2 is too short: the window spans 3 steps but the padded input has 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MaxPool1d(3).Forward(Tensor.Zeros(6)));
        Assert.StartsWith("MaxPool1d(kernel_size=3) expects input [B, C, L] or [C, L] but got [6].", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MaxPool1d(3, channelsLast: true).Forward(Tensor.Zeros(1, 2, 3, 6)));
        Assert.StartsWith("MaxPool1d(kernel_size=3, channels last) expects input [B, L, C] or [L, C] but got [1, 2, 3, 6].", e.Message);
    }

    [Fact]
    public void Adaptive_pooling_refuses_an_output_size_below_one_and_an_empty_time_axis()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveMaxPool1d(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveAvgPool1d(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.AdaptiveMaxPool1d(Tensor.Zeros(1, 2, 3), 0));
        var e = Assert.Throws<ArgumentException>(() => new AdaptiveMaxPool1d(1).Forward(Tensor.Zeros(2, 3, 0)));
        Assert.StartsWith("AdaptiveMaxPool1d(1) needs a non-empty time axis but got input [2, 3, 0].", e.Message);
        e = Assert.Throws<ArgumentException>(() => new AdaptiveAvgPool1d(2).Forward(Tensor.Zeros(5)));
        Assert.StartsWith("AdaptiveAvgPool1d(2) expects input [B, C, L] or [C, L] but got [5].", e.Message);
    }
}
