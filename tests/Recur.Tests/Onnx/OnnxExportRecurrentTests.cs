using Xunit.Abstractions;
using Recur.Nn;
using Recur.Onnx;
using Recur.Tasks;
using Recur.Tasks.Forecasting;
using static Recur.Tests.Onnx.OnnxRuntimeCheck;

namespace Recur.Tests.Onnx;

/// <summary>
/// PyTorch-style RNN, LSTM and GRU in a <see cref="RecurrentLayer"/>, exported as ONNX's recurrent operators with the gate
/// blocks reordered, match Recur in ONNX Runtime to 1e-5: every cell, stacked, bidirectional, batch-first or time-major,
/// each readout, with and without biases, for batch sizes and lengths other than the sample's, and with sequence
/// lengths on either padding side.
/// </summary>
public class OnnxExportRecurrentTests(ITestOutputHelper log)
{
    public static TheoryData<string, int, bool, bool, RecurrentReadout, bool> Stacks() => new()
    {
        // cell, layers, bidirectional, batch-first, readout, bias
        { "lstm", 1, false, true, RecurrentReadout.LastStep, true },
        { "lstm", 2, true, true, RecurrentReadout.Sequence, true },
        { "lstm", 2, true, false, RecurrentReadout.FinalState, false },
        { "lstm", 1, true, true, RecurrentReadout.LastStep, true },
        { "gru", 1, false, false, RecurrentReadout.Sequence, true },
        { "gru", 2, true, true, RecurrentReadout.LastStep, true },
        { "gru-reset-before", 2, false, true, RecurrentReadout.FinalState, true },
        { "gru-reset-before", 1, true, false, RecurrentReadout.Sequence, false },
        { "rnn-tanh", 2, false, true, RecurrentReadout.Sequence, true },
        { "rnn-tanh", 1, true, true, RecurrentReadout.FinalState, true },
        { "rnn-relu", 2, true, false, RecurrentReadout.LastStep, true },
        { "rnn-relu", 1, false, true, RecurrentReadout.LastStep, false },
    };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Recurrent_layer_matches_onnx_runtime(string cell, int layers, bool bidirectional, bool batchFirst, RecurrentReadout readout, bool bias)
    {
        var g = new Generator(11);
        var model = new Sequential(new RecurrentLayer(Module(cell, 4, 5, layers, bidirectional, batchFirst, bias, g), readout));
        int[] Shape(int b, int t) => batchFirst ? [b, t, 4] : [t, b, 4];
        float worst = AssertMatches(model, Tensor.Randn(g, Shape(3, 6)), Tensor.Randn(g, Shape(1, 9)), Tensor.Randn(g, Shape(5, 2)));
        log.WriteLine($"largest |ONNX Runtime - Recur|: {worst:E2}");   // the figure docs/interop.md quotes
    }

    public static TheoryData<string, bool, SequenceSide, RecurrentReadout> Padded() => new()
    {
        { "lstm", true, SequenceSide.Post, RecurrentReadout.Sequence },
        { "lstm", true, SequenceSide.Pre, RecurrentReadout.Sequence },
        { "lstm", true, SequenceSide.Pre, RecurrentReadout.LastStep },
        { "gru", true, SequenceSide.Post, RecurrentReadout.LastStep },
        { "gru", false, SequenceSide.Pre, RecurrentReadout.FinalState },
        { "rnn-tanh", true, SequenceSide.Pre, RecurrentReadout.FinalState },
    };

    [Theory]
    [MemberData(nameof(Padded))]
    public void Lengths_given_as_a_graph_input_match_recur_on_either_padding_side(string cell, bool bidirectional, SequenceSide side, RecurrentReadout readout)
    {
        var g = new Generator(12);
        var model = new Sequential(new RecurrentLayer(Module(cell, 3, 4, 2, bidirectional, batchFirst: true, bias: true, g), readout), new Linear(bidirectional ? 8 : 4, 2, generator: g));
        var sample = Tensor.Randn(g, 3, 5, 3);
        AssertMatches(model, sample,
        [
            (Padding(sample, new SequenceLengths([5, 2, 4], side)), new SequenceLengths([5, 2, 4], side)),
            (Padding(Tensor.Randn(g, 4, 7, 3), new SequenceLengths([1, 7, 0, 3], side)), new SequenceLengths([1, 7, 0, 3], side)),
        ], lengths: OnnxSequenceLengths.AsInput(side));
    }

    [Fact]
    public void The_forecasters_network_exports_through_its_layer_chain()
    {
        var g = new Generator(13);
        foreach (var kind in new[] { RecurrentKind.Lstm, RecurrentKind.Gru, RecurrentKind.Rnn })
            foreach (bool bidirectional in new[] { false, true })
            {
                var network = new ForecastNetwork(kind, 5, 6, 2, bidirectional, 0.1f, 2, g);
                AssertMatches(network, Tensor.Randn(g, 4, 7, 5), Tensor.Randn(g, 1, 7, 5), Tensor.Randn(g, 9, 12, 5));
            }
    }

    /// <summary>Zeros at the padding steps of each sequence (batch-first), as padded data has them.</summary>
    internal static Tensor Padding(Tensor x, SequenceLengths lengths)
    {
        var y = x.Clone();
        int steps = x.Dim(1), width = x.Dim(2);
        for (int b = 0; b < x.Dim(0); b++)
            for (int t = 0; t < steps; t++)
            {
                int first = lengths.FirstStep(b, steps);
                if (t < first || t >= first + lengths[b]) y.Span.Slice((b * steps + t) * width, width).Clear();
            }
        return y;
    }

    internal static RecurrentBase Module(string cell, int inputs, int hidden, int layers, bool bidirectional, bool batchFirst, bool bias, Generator g) => cell switch
    {
        "lstm" => new LSTM(inputs, hidden, layers, bias, batchFirst, 0.2f, bidirectional, g),
        "gru" => new GRU(inputs, hidden, layers, bias, batchFirst, 0.2f, bidirectional, generator: g),
        "gru-reset-before" => new GRU(inputs, hidden, layers, bias, batchFirst, 0f, bidirectional, resetAfter: false, generator: g),
        "rnn-tanh" => new RNN(inputs, hidden, layers, Nonlinearity.Tanh, bias, batchFirst, 0f, bidirectional, g),
        _ => new RNN(inputs, hidden, layers, Nonlinearity.Relu, bias, batchFirst, 0f, bidirectional, g),
    };
}
