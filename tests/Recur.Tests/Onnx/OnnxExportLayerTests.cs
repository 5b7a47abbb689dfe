using Recur.Nn;
using Recur.Onnx;
using static Recur.Tests.Onnx.OnnxRuntimeCheck;

namespace Recur.Tests.Onnx;

/// <summary>
/// The feed-forward layers exported to ONNX and run in ONNX Runtime match Recur's forward pass to 1e-5, on the sample
/// and on inputs of other batch sizes and lengths.
/// </summary>
public class OnnxExportLayerTests
{
    [Fact]
    public void Linear_and_activations_match_onnx_runtime_for_any_batch()
    {
        var g = new Generator(1);
        var model = new Sequential(new Linear(5, 8, generator: g), new ReLU(), new Linear(8, 6, generator: g), new Tanh(),
            new Linear(6, 4, generator: g), new Sigmoid(), new Linear(4, 3, bias: false, generator: g), new Softmax());
        AssertMatches(model, Tensor.Randn(g, 3, 5), Tensor.Randn(g, 1, 5), Tensor.Randn(g, 17, 5));
    }

    [Fact]
    public void Linear_on_every_step_softmax_over_an_inner_axis_flatten_and_log_softmax_match_onnx_runtime()
    {
        var g = new Generator(2);
        var steps = new Sequential(new Linear(5, 4, generator: g), new Softmax(axis: 1), new Linear(4, 2, generator: g), new LogSoftmax(axis: -1));
        AssertMatches(steps, Tensor.Randn(g, 2, 3, 5), Tensor.Randn(g, 4, 7, 5));
        var flat = new Sequential(new Flatten(), new Linear(12, 3, generator: g), new LogSoftmax());
        AssertMatches(flat, Tensor.Randn(g, 4, 3, 4), Tensor.Randn(g, 9, 3, 4));
    }

    [Fact]
    public void Dropout_is_the_identity_in_the_export_and_the_model_keeps_its_training_mode()
    {
        var g = new Generator(3);
        var model = new Sequential(new Linear(4, 16, generator: g), new Dropout(0.5f, g), new Linear(16, 2, generator: g));
        Assert.True(model.Training);
        OnnxExport.ToBytes(model, Tensor.Randn(g, 2, 4));
        Assert.True(model.Training);
        AssertMatches(model, Tensor.Randn(g, 2, 4), Tensor.Randn(g, 5, 4));
    }

    [Fact]
    public void Embedding_reads_int64_ids_of_any_batch_and_length()
    {
        var g = new Generator(4);
        var model = new Sequential(new Embedding(30, 6, paddingIdx: 0, generator: g), new Linear(6, 3, generator: g));
        AssertMatches(model, Ids(g, 30, 2, 5), Ids(g, 30, 4, 9), Ids(g, 30, 1, 1));
    }

    public static TheoryData<int, int, int, bool, bool> Convolutions() => new()
    {
        // stride, padding, dilation, channels last, bias
        { 1, 0, 1, false, true },
        { 2, 1, 1, false, false },
        { 1, 2, 2, true, true },
        { 3, 1, 2, true, true },
    };

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Conv1d_matches_onnx_runtime_in_both_layouts_for_any_length(int stride, int padding, int dilation, bool channelsLast, bool bias)
    {
        var g = new Generator(5);
        var model = new Sequential(new Conv1d(3, 4, 3, stride, padding, dilation, bias, g, channelsLast), new ReLU());
        int[] Shape(int b, int l) => channelsLast ? [b, l, 3] : [b, 3, l];
        AssertMatches(model, Tensor.Randn(g, Shape(2, 11)), Tensor.Randn(g, Shape(3, 16)), Tensor.Randn(g, Shape(1, 7)));
    }

    public static TheoryData<int, int?, int, int, bool, bool> MaxPools() => new()
    {
        // kernel, stride, padding, dilation, ceil mode, channels last
        { 2, null, 0, 1, false, false },
        { 3, 2, 1, 1, false, false },
        { 3, 2, 1, 2, true, true },
        { 2, 3, 0, 1, true, false },
    };

    [Theory]
    [MemberData(nameof(MaxPools))]
    public void MaxPool1d_matches_onnx_runtime(int kernel, int? stride, int padding, int dilation, bool ceilMode, bool channelsLast)
    {
        var g = new Generator(6);
        var model = new Sequential(new MaxPool1d(kernel, stride, padding, dilation, ceilMode, channelsLast));
        int[] Shape(int b, int l) => channelsLast ? [b, l, 3] : [b, 3, l];
        AssertMatches(model, Tensor.Randn(g, Shape(2, 10)), Tensor.Randn(g, Shape(3, 13)), Tensor.Randn(g, Shape(1, 8)));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void Adaptive_pooling_computes_its_bins_from_the_length_in_the_graph(int outputs, bool channelsLast)
    {
        var g = new Generator(7);
        int[] Shape(int b, int l) => channelsLast ? [b, l, 3] : [b, 3, l];
        foreach (Layer pool in new Layer[] { new AdaptiveMaxPool1d(outputs, channelsLast), new AdaptiveAvgPool1d(outputs, channelsLast) })
            AssertMatches(new Sequential(pool), Tensor.Randn(g, Shape(2, 10)), Tensor.Randn(g, Shape(3, 7)), Tensor.Randn(g, Shape(1, 13)));
    }

    [Theory]
    [InlineData(13)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(21)]
    public void Every_supported_opset_gives_the_same_results(int opset)
    {
        var g = new Generator(8);
        var model = new Sequential(new Conv1d(3, 4, 2, generator: g), new AdaptiveMaxPool1d(2), new Flatten(), new Linear(8, 2, generator: g));
        var sample = Tensor.Randn(g, 2, 3, 9);
        AssertMatches(model, sample, [(sample, null), (Tensor.Randn(g, 4, 3, 6), null)], opset);
    }

    [Fact]
    public void An_opset_outside_the_supported_range_is_refused()
    {
        var model = new Sequential(new Linear(2, 1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExport.ToBytes(model, Tensor.Zeros(1, 2), opset: 12));
        Assert.Contains("13 to 21", e.Message);
    }

    [Fact]
    public void A_layer_the_export_does_not_know_is_named_in_the_error()
    {
        var model = new Sequential(new Linear(2, 2), new Unknown());
        var e = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model, Tensor.Zeros(1, 2)));
        Assert.Contains("Unknown", e.Message);
    }

    private sealed class Unknown : Layer
    {
        public override Tensor Forward(Tensor input) => input;
    }
}
