using Onnx;
using Recur.Nn;
using Recur.Nn.Keras;

namespace Recur.Onnx;

/// <summary>A value in the graph: its name, and whether it holds int64 ids rather than floats.</summary>
internal readonly record struct OnnxValue(string Name, bool Ids = false);

/// <summary>
/// Writes a model layer by layer, mirroring each layer's forward pass with ONNX operators. The sample input runs through
/// the Recur layers beside the writing (in evaluation mode, without gradients), which builds the Keras-style layers that
/// are not built yet and tells each writer its input's rank.
/// </summary>
internal sealed class OnnxLayerWriter(OnnxGraph g, OnnxLengths? lengths)
{
    private readonly OnnxRecurrentWriter _recurrent = new(g);
    private readonly OnnxConvolutionWriter _convolution = new(g);
    private int _layers;

    /// <summary>Writes <paramref name="layer"/> on <paramref name="x"/>; returns its output and the Recur layer's output on <paramref name="sample"/>.</summary>
    public (OnnxValue Value, Tensor Sample) Write(Layer layer, OnnxValue x, Tensor sample)
    {
        if (layer is ILayerChain chain)
        {
            foreach (var inner in chain.Layers) (x, sample) = Write(inner, x, sample);
            return (x, sample);
        }
        string name = $"l{_layers++}_{layer.GetType().Name.ToLowerInvariant()}";
        var output = layer.Forward(sample);
        if (layer is Embedding embedding)
        {
            string ids = x.Ids ? x.Name : g.Cast(x.Name, TensorProto.Types.DataType.Int64);
            return (new(g.Node("Gather", [g.Weight(name + "_weight", embedding.Weight.Span, embedding.NumEmbeddings, embedding.EmbeddingDim), ids],
                OnnxAttribute.Int("axis", 0))), output);
        }
        string input = x.Ids ? g.Cast(x.Name, TensorProto.Types.DataType.Float) : x.Name;
        string y = layer switch
        {
            Dropout => input,
            Linear linear => Affine(input, linear.Weight, linear.Bias, name),
            Dense dense => Activation(Affine(input, dense.Weight, dense.Bias, name), dense.Activation),
            Sigmoid => g.Node("Sigmoid", [input]),
            Tanh => g.Node("Tanh", [input]),
            ReLU => g.Node("Relu", [input]),
            Softmax softmax => g.Node("Softmax", [input], OnnxAttribute.Int("axis", softmax.Axis)),
            LogSoftmax logSoftmax => g.Node("LogSoftmax", [input], OnnxAttribute.Int("axis", logSoftmax.Axis)),
            Flatten => g.Node("Flatten", [input], OnnxAttribute.Int("axis", 1)),
            Conv1d conv => _convolution.Conv1d(Batched(input, layer, sample), conv, name),
            MaxPool1d pool => _convolution.MaxPool1d(Batched(input, layer, sample), pool),
            AdaptivePool1d pool => _convolution.AdaptivePool1d(Batched(input, layer, sample), pool),
            Conv1D conv => Activation(_convolution.Conv1D(input, conv, name), conv.Activation),
            GlobalMaxPooling1D => g.Reduce("ReduceMax", input, [1], keepDims: false),
            GlobalAveragePooling1D => g.Reduce("ReduceMean", input, [1], keepDims: false),
            RecurrentLayer recurrent => RecurrentLayer(input, recurrent, name),
            KerasRecurrentLayer recurrent => KerasRecurrent(input, recurrent, name),
            _ => throw new NotSupportedException(
                $"ONNX export does not know the layer {layer} ({layer.GetType().Name}); it exports Sequentials (and ILayerChain models) of " +
                "Linear, Embedding, Dropout, Sigmoid, Tanh, ReLU, Softmax, LogSoftmax, Flatten, Conv1d, MaxPool1d, AdaptiveMaxPool1d, " +
                "AdaptiveAvgPool1d, RecurrentLayer and the Keras-style Dense, Conv1D, GlobalMaxPooling1D, GlobalAveragePooling1D, SimpleRNN, KerasLSTM, KerasGRU and Bidirectional."),
        };
        return (new(y), output);
    }

    /// <summary><c>x · Wᵀ + b</c> over the last axis, for inputs of any rank.</summary>
    private string Affine(string x, Tensor weight, Tensor? bias, string name)
    {
        int outputs = weight.Dim(0), inputs = weight.Dim(1);
        var transposed = new float[inputs * outputs];
        var w = weight.Span;
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < inputs; i++)
                transposed[i * outputs + o] = w[o * inputs + i];
        string y = g.Node("MatMul", [x, g.Weight(name + "_weight_t", transposed, inputs, outputs)]);
        return bias is null ? y : g.Node("Add", [y, g.Weight(name + "_bias", bias.Span, outputs)]);
    }

    /// <summary>A Keras activation by name.</summary>
    private string Activation(string x, string activation) => activation switch
    {
        "sigmoid" => g.Node("Sigmoid", [x]),
        "relu" => g.Node("Relu", [x]),
        "tanh" => g.Node("Tanh", [x]),
        "softmax" => g.Node("Softmax", [x], OnnxAttribute.Int("axis", -1)),
        _ => x,
    };

    /// <summary><paramref name="x"/>, when the layer's input is batched (ONNX's convolutions and pooling want a batch axis).</summary>
    private static string Batched(string x, Layer layer, Tensor sample) => sample.Rank == 3 ? x
        : throw new NotSupportedException($"ONNX export of {layer.GetType().Name} needs a batched sample input [B, C, L] or [B, L, C] but got {Tensor.ShapeText(sample.Shape)}.");

    /// <summary>A PyTorch-style module and its readout.</summary>
    private string RecurrentLayer(string x, RecurrentLayer layer, string name)
    {
        var module = layer.Recurrent;
        var stack = OnnxRecurrentStack.Of(module);
        string timeMajor = module.BatchFirst ? g.Transpose(x, 1, 0, 2) : x;
        var result = RunStack(stack, timeMajor, name);
        switch (layer.Readout)
        {
            case RecurrentReadout.Sequence:
                string sequence = Unroll(result.Sequence);
                return module.BatchFirst ? g.Transpose(sequence, 1, 0, 2) : sequence;
            case RecurrentReadout.LastStep when stack.Directions == 2:
                return LastRealStep(result.Sequence);
            default:
                return FinalStates(result.FinalStates, stack.Directions);
        }
    }

    /// <summary>A Keras-style SimpleRNN, LSTM or GRU, or a Bidirectional one with its merge mode.</summary>
    private string KerasRecurrent(string x, KerasRecurrentLayer layer, string name)
    {
        var wrapped = layer is Bidirectional bidirectional ? bidirectional.WrappedLayer : layer;
        var merge = layer is Bidirectional b ? b.MergeMode : MergeMode.Concat;
        var stack = new OnnxRecurrentStack(
            wrapped switch
            {
                KerasLSTM => OnnxCell.Lstm,
                KerasGRU => OnnxCell.Gru,
                SimpleRNN => OnnxCell.Rnn,
                _ => throw new NotSupportedException($"ONNX export does not know the recurrent layer {wrapped}."),
            },
            layer.Units, 1, layer is Bidirectional ? 2 : 1, wrapped is SimpleRNN { Activation: Nonlinearity.Relu },
            wrapped is not KerasGRU { ResetAfter: false }, layer.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter));
        var result = RunStack(stack, g.Transpose(x, 1, 0, 2), name);
        if (layer.ReturnSequences)
        {
            string merged = stack.Directions == 1 || merge == MergeMode.Concat
                ? result.Sequence
                : Merge(g.Pick(result.Steps, 0, 1), g.Pick(result.Steps, 1, 1), merge);
            return g.Transpose(Unroll(merged), 1, 0, 2);
        }
        // Many-to-one: each direction's state at the end of its reading (the forward one's at the last real step).
        return stack.Directions == 1 || merge == MergeMode.Concat
            ? FinalStates(result.FinalStates, stack.Directions)
            : Merge(g.Pick(result.FinalStates, 0, 0), g.Pick(result.FinalStates, 1, 0), merge);
    }

    /// <summary>The stack on time-major input, pre-padded sequences turned so their real steps come first.</summary>
    private OnnxRecurrentValues RunStack(OnnxRecurrentStack stack, string timeMajor, string name)
    {
        if (lengths is { Side: SequenceSide.Pre }) timeMajor = _recurrent.Roll(timeMajor, lengths, toFront: true);
        return _recurrent.Write(stack, timeMajor, name, lengths);
    }

    /// <summary>A time-major output turned back to where its input's steps were (pre-padded sequences end at the last step).</summary>
    private string Unroll(string timeMajor) =>
        lengths is { Side: SequenceSide.Pre } ? _recurrent.Roll(timeMajor, lengths, toFront: false) : timeMajor;

    /// <summary>Final states <c>[D, B, H]</c> side by side, <c>[B, D·H]</c> (forward then reverse).</summary>
    private string FinalStates(string states, int directions) =>
        directions == 1 ? g.Squeeze(states, 0) : g.Reshape(g.Transpose(states, 1, 0, 2), 0, -1);

    /// <summary>
    /// Each sequence's output at its last real step, from the time-major output with real steps first: step
    /// <c>max(length − 1, 0)</c>, or the last step without lengths.
    /// </summary>
    private string LastRealStep(string timeMajor)
    {
        if (lengths is null) return g.Pick(timeMajor, -1, 0);
        string step = g.Node("Max", [g.Node("Sub", [lengths.Int64, g.Int64(1)]), g.Int64(0)]);
        return g.Node("GatherND", [g.Transpose(timeMajor, 1, 0, 2), g.Unsqueeze(step, 1)], OnnxAttribute.Int("batch_dims", 1));
    }

    /// <summary>Keras' merge of the two directions' outputs.</summary>
    private string Merge(string forward, string backward, MergeMode merge) => merge switch
    {
        MergeMode.Concat => g.Concat(-1, forward, backward),
        MergeMode.Sum => g.Node("Add", [forward, backward]),
        MergeMode.Mul => g.Node("Mul", [forward, backward]),
        _ => g.Node("Mul", [g.Node("Add", [forward, backward]), g.Float(0.5f)]),
    };
}
