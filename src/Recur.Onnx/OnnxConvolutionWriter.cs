using Recur.Nn;
using Recur.Nn.Keras;

namespace Recur.Onnx;

/// <summary>
/// Writes convolutions and pooling over time as ONNX's <c>Conv</c>, <c>MaxPool</c> and reductions on <c>[B, C, L]</c>,
/// with a transpose on each side for the channels-last layout (Keras' <c>[B, L, C]</c>). PyTorch's weight layout
/// <c>[C_out, C_in, k]</c> is ONNX's.
/// </summary>
internal sealed class OnnxConvolutionWriter(OnnxGraph g)
{
    /// <summary>PyTorch's <c>Conv1d</c> (either layout).</summary>
    public string Conv1d(string x, Conv1d conv, string name) => ChannelsFirst(x, conv.ChannelsLast, input =>
        Conv(input, conv.Weight, conv.Bias, name, conv.Stride, conv.Dilation, [conv.Padding, conv.Padding]));

    /// <summary>
    /// Keras' <c>Conv1D</c> on <c>[B, L, C]</c>: valid (no padding), causal (<c>d·(k − 1)</c> zeros before), or same —
    /// <c>⌈L/s⌉</c> outputs, <c>total = max((⌈L/s⌉ − 1)·s + d·(k − 1) + 1 − L, 0)</c> zeros with the extra one at the end,
    /// as TensorFlow pads. With a stride above 1 the zeros depend on L, so the graph computes them (ONNX Runtime's own
    /// <c>SAME_UPPER</c> refuses dilation).
    /// </summary>
    public string Conv1D(string x, Conv1D conv, string name)
    {
        int span = conv.DilationRate * (conv.KernelSize - 1) + 1;
        long[] pads = conv.Padding switch
        {
            "causal" => [span - 1, 0],
            "same" when conv.Strides == 1 => [(span - 1) / 2, span - 1 - (span - 1) / 2],
            _ => [0, 0],
        };
        return ChannelsFirst(x, channelsLast: true, input =>
            Conv(conv.Padding == "same" && conv.Strides > 1 ? PadSame(input, conv.Strides, span) : input, conv.Weight, conv.Bias, name,
                conv.Strides, conv.DilationRate, pads));
    }

    /// <summary>TensorFlow's "same" zeros on the time axis of <c>[B, C, L]</c>, computed from L.</summary>
    private string PadSame(string x, long stride, long span)
    {
        string length = g.Size(x, 2);
        string outputs = g.Node("Div", [g.Node("Add", [length, g.Int64(stride - 1)]), g.Int64(stride)]);
        string needed = g.Node("Sub", [g.Node("Add", [g.Node("Mul", [g.Node("Sub", [outputs, g.Int64(1)]), g.Int64(stride)]), g.Int64(span)]), length]);
        string total = g.Node("Max", [needed, g.Int64(0)]);
        string start = g.Node("Div", [total, g.Int64(2)]);
        string end = g.Node("Sub", [total, start]);
        string pads = g.Concat(0, g.Int64s([0, 0]), g.Unsqueeze(start, 0), g.Int64s([0, 0]), g.Unsqueeze(end, 0));
        return g.Node("Pad", [x, pads]);
    }

    /// <summary>PyTorch's <c>MaxPool1d</c>; its padding counts as −∞, as ONNX's does.</summary>
    public string MaxPool1d(string x, MaxPool1d pool) => ChannelsFirst(x, pool.ChannelsLast, input =>
        g.Node("MaxPool", [input],
            OnnxAttribute.Ints("kernel_shape", pool.KernelSize),
            OnnxAttribute.Ints("strides", pool.Stride),
            OnnxAttribute.Ints("pads", pool.Padding, pool.Padding),
            OnnxAttribute.Ints("dilations", pool.Dilation),
            OnnxAttribute.Int("ceil_mode", pool.CeilMode ? 1 : 0)));

    /// <summary>
    /// PyTorch's adaptive pooling to n outputs whatever the length L: bin i is <c>[⌊i·L/n⌋, ⌈(i+1)·L/n⌉)</c>, computed in
    /// the graph from the input's length so the sequence axis stays dynamic; n = 1 is one reduction over time.
    /// </summary>
    public string AdaptivePool1d(string x, AdaptivePool1d pool)
    {
        string op = pool is AdaptiveMaxPool1d ? "ReduceMax" : "ReduceMean";
        long time = pool.ChannelsLast ? 1 : 2;
        if (pool.OutputSize == 1) return g.Reduce(op, x, [time], keepDims: true);
        string length = g.Size(x, time);
        long n = pool.OutputSize;
        var bins = new string[n];
        for (long i = 0; i < n; i++)
        {
            string start = g.Node("Div", [g.Node("Mul", [length, g.Int64(i)]), g.Int64(n)]);
            string end = g.Node("Div", [g.Node("Add", [g.Node("Mul", [length, g.Int64(i + 1)]), g.Int64(n - 1)]), g.Int64(n)]);
            string bin = g.Node("Slice", [x, g.Unsqueeze(start, 0), g.Unsqueeze(end, 0), g.Int64s([time])]);
            bins[i] = g.Reduce(op, bin, [time], keepDims: true);
        }
        return g.Concat(time, bins);
    }

    private string Conv(string x, Tensor weight, Tensor? bias, string name, int stride, int dilation, long[] pads)
    {
        var inputs = new List<string> { x, g.Weight(name + "_weight", weight.Span, weight.Dim(0), weight.Dim(1), weight.Dim(2)) };
        if (bias is not null) inputs.Add(g.Weight(name + "_bias", bias.Span, bias.Dim(0)));
        return g.Node("Conv", [.. inputs],
            OnnxAttribute.Ints("kernel_shape", weight.Dim(2)),
            OnnxAttribute.Ints("strides", stride),
            OnnxAttribute.Ints("dilations", dilation),
            OnnxAttribute.Ints("pads", pads));
    }

    /// <summary>Runs <paramref name="op"/> on <c>[B, C, L]</c>, transposing a channels-last input there and the result back.</summary>
    private string ChannelsFirst(string x, bool channelsLast, Func<string, string> op) =>
        channelsLast ? g.Transpose(op(g.Transpose(x, 0, 2, 1)), 0, 2, 1) : op(x);
}
