using Google.Protobuf;
using Onnx;
using Recur.Autograd;
using Recur.Nn;
using Recur.Nn.Keras;
using Recur.Serialization;

namespace Recur.Onnx;

/// <summary>
/// Writes a Recur model as an ONNX model for ONNX Runtime and other ONNX consumers: a <see cref="Sequential"/> (or any
/// <see cref="ILayerChain"/>, such as the forecaster's network) of <see cref="Linear"/>, <see cref="Embedding"/>,
/// <see cref="Dropout"/> (the identity, as in inference), the activations, <see cref="Flatten"/>, <see cref="Conv1d"/>,
/// <see cref="MaxPool1d"/>, adaptive pooling, <see cref="RecurrentLayer"/>s of <see cref="RNN"/>, <see cref="LSTM"/> and
/// <see cref="GRU"/> (stacked, bidirectional, batch-first or time-major) and the Keras-style layers. The batch axis and
/// the sequence axis are dynamic; recurrent layers become ONNX's <c>RNN</c> / <c>LSTM</c> / <c>GRU</c> operators with the
/// gate blocks reordered (ONNX: LSTM i, o, f, c; GRU z, r, h) and PyTorch's reset-after GRU as
/// <c>linear_before_reset = 1</c>. The graph's input is <c>input</c> (float, or int64 ids when the model starts with an
/// embedding), its output <c>output</c>.
/// </summary>
/// <example>
/// <code>
/// model.Eval();
/// OnnxExport.Save(model, sampleBatch, "model.onnx");
/// </code>
/// </example>
public static class OnnxExport
{
    /// <summary>The opset written unless another is asked for (17: what ONNX 1.12's checker and every current runtime read).</summary>
    public const int DefaultOpset = 17;

    /// <summary>The oldest opset the export writes (13: per-axis softmax, reductions and squeezes with axes as inputs).</summary>
    public const int MinimumOpset = 13;

    /// <summary>The newest opset the export writes.</summary>
    public const int MaximumOpset = 21;

    /// <summary>
    /// Exports <paramref name="model"/> to <paramref name="path"/> (written whole or not at all). <paramref name="sampleInput"/>
    /// is a batch of the model's input (float features, or ids stored as floats for a model that starts with an
    /// embedding): it runs through the model once, in evaluation mode and without gradients, to build Keras-style layers
    /// not built yet and to check the model takes it; its batch size and sequence length are not fixed in the export.
    /// <paramref name="lengths"/> gives the recurrent layers the real lengths of padded sequences (see
    /// <see cref="OnnxSequenceLengths"/>); without it every sequence is read in full. <paramref name="metadata"/> goes into
    /// the model's <c>metadata_props</c> (what a consumer needs beside the graph: scalers, a vocabulary, class names).
    /// </summary>
    /// <exception cref="NotSupportedException">The model holds a layer the export does not know.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opset"/> is outside [<see cref="MinimumOpset"/>, <see cref="MaximumOpset"/>].</exception>
    public static void Save(Layer model, Tensor sampleInput, string path, int opset = DefaultOpset, OnnxSequenceLengths? lengths = null,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = ToBytes(model, sampleInput, opset, lengths, metadata);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The ONNX model <see cref="Save"/> writes, as bytes (an ONNX <c>ModelProto</c>).</summary>
    /// <exception cref="NotSupportedException">The model holds a layer the export does not know.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opset"/> is outside [<see cref="MinimumOpset"/>, <see cref="MaximumOpset"/>].</exception>
    public static byte[] ToBytes(Layer model, Tensor sampleInput, int opset = DefaultOpset, OnnxSequenceLengths? lengths = null,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleInput);
        if (opset is < MinimumOpset or > MaximumOpset)
            throw new ArgumentOutOfRangeException(nameof(opset), opset, $"ONNX export writes opsets {MinimumOpset} to {MaximumOpset}.");
        var first = FirstLayer(model);
        bool ids = first is Embedding;
        if (lengths?.PaddingId is not null && !ids)
            throw new ArgumentException($"Lengths counted from a padding id need a model that starts with an Embedding, but it starts with {first}.", nameof(lengths));

        bool training = model.Training;
        model.Eval();
        try
        {
            using var _ = new NoGradScope();
            var graph = new OnnxGraph(opset);
            var input = graph.Input("input", ids ? TensorProto.Types.DataType.Int64 : TensorProto.Types.DataType.Float, InputDims(first, sampleInput));
            var writer = new OnnxLayerWriter(graph, lengths is null ? null : Lengths(graph, lengths, input));
            var (output, sampleOutput) = writer.Write(model, new OnnxValue(input, ids), sampleInput);
            string result = output.Ids ? graph.Cast(output.Name, TensorProto.Types.DataType.Float) : output.Name;
            if (result == input)
                result = graph.Node("Identity", [input]);
            graph.Rename(result, "output");
            var outputDims = new object?[sampleOutput.Rank];
            if (outputDims.Length > 0) outputDims[^1] = sampleOutput.Dim(-1);
            graph.Output("output", TensorProto.Types.DataType.Float, outputDims);
            var proto = Model(graph, opset);
            foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
                proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
            return proto.ToByteArray();
        }
        finally
        {
            model.Train(training);
        }
    }

    private static ModelProto Model(OnnxGraph graph, int opset)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion(opset),
            ProducerName = "Recur",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "",
            Graph = graph.Proto,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }

    /// <summary>The IR version released with <paramref name="opset"/>, so runtimes of that generation read the file.</summary>
    private static long IrVersion(int opset) => opset switch
    {
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };

    /// <summary>The sequence lengths as graph values: counted from the ids, or the <c>lengths</c> input.</summary>
    private static OnnxLengths Lengths(OnnxGraph graph, OnnxSequenceLengths lengths, string input)
    {
        string int64 = lengths.PaddingId is int paddingId
            ? graph.Reduce("ReduceSum",
                graph.Cast(graph.Node("Not", [graph.Node("Equal", [input, graph.Int64(paddingId)])]), TensorProto.Types.DataType.Int64),
                [1], keepDims: false)
            : graph.Input("lengths", TensorProto.Types.DataType.Int64, ["batch"]);
        return new OnnxLengths(int64, graph.Cast(int64, TensorProto.Types.DataType.Int32), lengths.Side);
    }

    /// <summary>The first layer the model applies, looking inside chains.</summary>
    private static Layer FirstLayer(Layer model)
    {
        var layer = model;
        while (layer is ILayerChain chain && chain.Layers.Count > 0) layer = chain.Layers[0];
        return layer;
    }

    /// <summary>
    /// The input's dimensions: the batch and the sequence axes symbolic (<c>batch</c>, <c>sequence</c>), the others as the
    /// sample has them; where the axes are depends on the first layer's layout.
    /// </summary>
    private static object?[] InputDims(Layer first, Tensor sample)
    {
        var dims = new object?[sample.Rank];
        for (int d = 0; d < dims.Length; d++) dims[d] = sample.Dim(d);
        if (dims.Length == 0) return dims;
        dims[0] = "batch";
        if (dims.Length < 2) return dims;
        // Axes between the batch and the features (a Linear applied at every step) take any size.
        for (int d = 1; d < dims.Length - 1; d++) dims[d] = $"dim{d}";
        switch (first)
        {
            case RecurrentLayer { Recurrent.BatchFirst: false }:
                dims[0] = "sequence";
                dims[1] = "batch";
                break;
            case Conv1d { ChannelsLast: false } or MaxPool1d { ChannelsLast: false } or AdaptivePool1d { ChannelsLast: false } when dims.Length == 3:
                dims[2] = "sequence";
                break;
            case Embedding:
                for (int d = 1; d < dims.Length; d++) dims[d] = d == 1 ? "sequence" : $"dim{d}";
                break;
            case RecurrentLayer or KerasRecurrentLayer or Conv1d or MaxPool1d or AdaptivePool1d or Conv1D or GlobalMaxPooling1D or GlobalAveragePooling1D:
                dims[1] = "sequence";
                break;
        }
        return dims;
    }
}
