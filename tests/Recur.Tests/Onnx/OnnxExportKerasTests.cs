using Recur.Nn;
using Recur.Nn.Keras;
using Recur.Onnx;
using Recur.Tasks.TextClassification;
using static Recur.Tests.Onnx.OnnxRuntimeCheck;

namespace Recur.Tests.Onnx;

/// <summary>
/// The Keras-style layers exported to ONNX match Recur in ONNX Runtime to 1e-5: Dense with each activation, Conv1D with
/// each padding, the global poolings, SimpleRNN, LSTM and GRU (reset after or before) returning sequences or the last
/// step, Bidirectional with each merge mode, and the text classifiers with lengths counted from the padding ids on
/// either side. (This file imports <c>Recur.Nn</c>, <c>Recur.Nn.Keras</c> and ONNX Runtime's tensors without an alias.)
/// </summary>
public class OnnxExportKerasTests
{
    [Theory]
    [InlineData("linear")]
    [InlineData("sigmoid")]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("softmax")]
    public void Dense_matches_onnx_runtime_with_each_activation(string activation)
    {
        var g = new Generator(21);
        var model = new Sequential(new Dense(6, activation, generator: g), new Dense(3, activation, useBias: false, generator: g));
        AssertMatches(model, Tensor.Randn(g, 2, 4), Tensor.Randn(g, 7, 4));
    }

    [Theory]
    [InlineData("valid", 1, 1)]
    [InlineData("valid", 2, 2)]
    [InlineData("same", 1, 1)]
    [InlineData("same", 2, 1)]
    [InlineData("same", 3, 2)]
    [InlineData("causal", 1, 2)]
    public void Conv1D_and_global_pooling_match_onnx_runtime_for_any_length(string padding, int strides, int dilation)
    {
        var g = new Generator(22);
        foreach (Layer pooling in new Layer[] { new GlobalMaxPooling1D(), new GlobalAveragePooling1D() })
        {
            var model = new Sequential(new Conv1D(4, 3, strides, padding, "relu", dilation, generator: g), pooling, new Dense(2, generator: g));
            AssertMatches(model, Tensor.Randn(g, 2, 9, 3), Tensor.Randn(g, 3, 8, 3), Tensor.Randn(g, 1, 13, 3));
        }
        var sequence = new Sequential(new Conv1D(4, 2, strides, padding, "tanh", dilation, generator: g));
        AssertMatches(sequence, Tensor.Randn(g, 2, 9, 3), Tensor.Randn(g, 3, 10, 3), Tensor.Randn(g, 1, 11, 3));
    }

    public static TheoryData<string, bool> RecurrentLayers() => new()
    {
        { "simple-rnn", false }, { "simple-rnn", true }, { "simple-rnn-relu", true },
        { "lstm", false }, { "lstm", true },
        { "gru", false }, { "gru", true }, { "gru-reset-before", false }, { "gru-reset-before", true },
    };

    [Theory]
    [MemberData(nameof(RecurrentLayers))]
    public void Recurrent_layers_match_onnx_runtime(string layer, bool returnSequences)
    {
        var g = new Generator(23);
        var model = new Sequential(Recurrent(layer, 5, returnSequences, g));
        AssertMatches(model, Tensor.Randn(g, 3, 6, 4), Tensor.Randn(g, 1, 10, 4), Tensor.Randn(g, 6, 2, 4));
    }

    [Theory]
    [InlineData(MergeMode.Concat, false)]
    [InlineData(MergeMode.Concat, true)]
    [InlineData(MergeMode.Sum, false)]
    [InlineData(MergeMode.Sum, true)]
    [InlineData(MergeMode.Mul, true)]
    [InlineData(MergeMode.Ave, false)]
    public void Bidirectional_matches_onnx_runtime_with_each_merge_mode(MergeMode merge, bool returnSequences)
    {
        var g = new Generator(24);
        foreach (string layer in new[] { "lstm", "gru", "simple-rnn" })
        {
            var model = new Sequential(new Bidirectional(Recurrent(layer, 5, returnSequences, g), merge));
            AssertMatches(model, Tensor.Randn(g, 3, 6, 4), Tensor.Randn(g, 2, 9, 4));
        }
    }

    public static TheoryData<TextModelKind, SequenceSide> TextModels() => new()
    {
        { TextModelKind.Rnn, SequenceSide.Pre }, { TextModelKind.Lstm, SequenceSide.Pre }, { TextModelKind.Gru, SequenceSide.Post },
        { TextModelKind.BiLstm, SequenceSide.Pre }, { TextModelKind.BiLstm, SequenceSide.Post }, { TextModelKind.Cnn, SequenceSide.Pre },
    };

    [Theory]
    [MemberData(nameof(TextModels))]
    public void Text_classifiers_count_their_lengths_from_the_padding_ids_in_the_graph(TextModelKind kind, SequenceSide side)
    {
        var g = new Generator(25);
        var model = new TextNetworkConfig(kind, 40, 6, 5, 3, 4, 0.2f, 3, 12).Create(g);
        var sample = PaddedIds(g, [12, 3, 7], 12, side);
        var other = PaddedIds(g, [0, 12, 1, 5, 9], 12, side);
        AssertMatches(model, sample.Ids, [(sample.Ids, sample.Lengths), (other.Ids, other.Lengths)], lengths: OnnxSequenceLengths.FromPaddingId(0, side));
    }

    [Fact]
    public void Lengths_from_padding_ids_need_an_embedding_first()
    {
        var model = new Sequential(new KerasLSTM(3));
        var e = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(model, Tensor.Zeros(1, 2, 2), lengths: OnnxSequenceLengths.FromPaddingId(0, SequenceSide.Pre)));
        Assert.Contains("Embedding", e.Message);
    }

    [Fact]
    public void An_unbuilt_keras_model_is_built_by_the_sample()
    {
        var g = new Generator(26);
        var model = new Sequential(new KerasGRU(4, returnSequences: true, generator: g), new KerasLSTM(3, generator: g), new Dense(1, "sigmoid", generator: g));
        AssertMatches(model, Tensor.Randn(g, 2, 5, 3), Tensor.Randn(g, 4, 8, 3));
    }

    /// <summary>Rows of ids in [1, 40) with zeros on the padding side, and their lengths.</summary>
    private static (Tensor Ids, SequenceLengths Lengths) PaddedIds(Generator g, int[] lengths, int steps, SequenceSide side)
    {
        var ids = Ids(g, 40, lengths.Length, steps);
        var l = new SequenceLengths(lengths, side);
        return (OnnxExportRecurrentTests.Padding(ids.Reshape(lengths.Length, steps, 1), l).Reshape(lengths.Length, steps), l);
    }

    private static KerasRecurrentLayer Recurrent(string layer, int units, bool returnSequences, Generator g) => layer switch
    {
        "simple-rnn" => new SimpleRNN(units, returnSequences, generator: g),
        "simple-rnn-relu" => new SimpleRNN(units, returnSequences, activation: Nonlinearity.Relu, generator: g),
        "lstm" => new KerasLSTM(units, returnSequences, generator: g),
        "gru" => new KerasGRU(units, returnSequences, generator: g),
        _ => new KerasGRU(units, returnSequences, resetAfter: false, generator: g),
    };
}
