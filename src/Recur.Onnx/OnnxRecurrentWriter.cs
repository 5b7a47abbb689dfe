using Onnx;

namespace Recur.Onnx;

/// <summary>The values a recurrent stack leaves in the graph.</summary>
/// <param name="Sequence">The last layer's output at every step, time-major <c>[T, B, D·H]</c> (forward then reverse halves).</param>
/// <param name="Steps">The same as ONNX gives it, <c>[T, D, B, H]</c>.</param>
/// <param name="FinalStates">The last layer's final hidden states, <c>[D, B, H]</c>.</param>
internal sealed record OnnxRecurrentValues(string Sequence, string Steps, string FinalStates);

/// <summary>
/// Writes a recurrent stack as one ONNX <c>RNN</c>, <c>LSTM</c> or <c>GRU</c> node per layer (both directions in one node),
/// reordering the gate blocks of the weights and biases from PyTorch's order into ONNX's, and, when sequence lengths are
/// known, rotating pre-padded sequences so their real steps come first, as Recur's recurrent stack does.
/// </summary>
internal sealed class OnnxRecurrentWriter(OnnxGraph g)
{
    /// <summary>
    /// Runs <paramref name="stack"/> over time-major <paramref name="input"/> <c>[T, B, F]</c>. With
    /// <paramref name="lengths"/>, sequences shorter than T stop at their length (ONNX's <c>sequence_lens</c>); the input
    /// is then expected with its real steps first (see <see cref="Roll"/>), and so are the outputs.
    /// </summary>
    public OnnxRecurrentValues Write(OnnxRecurrentStack stack, string input, string name, OnnxLengths? lengths)
    {
        string x = input;
        string steps = "", finalStates = "";
        for (int layer = 0; layer < stack.Layers; layer++)
        {
            var (w, r, b) = LayerWeights(stack, layer, $"{name}_l{layer}");
            var inputs = new List<string> { x, w, r, b };
            if (lengths is not null) inputs.Add(lengths.Int32);
            var attributes = new List<AttributeProto>
            {
                OnnxAttribute.Int("hidden_size", stack.Hidden),
                OnnxAttribute.String("direction", stack.Directions == 2 ? "bidirectional" : "forward"),
            };
            if (stack.Cell == OnnxCell.Gru) attributes.Add(OnnxAttribute.Int("linear_before_reset", stack.ResetAfter ? 1 : 0));
            if (stack.Cell == OnnxCell.Rnn)
                attributes.Add(OnnxAttribute.Strings("activations", [.. Enumerable.Repeat(stack.Relu ? "Relu" : "Tanh", stack.Directions)]));
            string op = stack.Cell switch { OnnxCell.Lstm => "LSTM", OnnxCell.Gru => "GRU", _ => "RNN" };
            var outputs = g.Node(op, [.. inputs], stack.Cell == OnnxCell.Lstm ? 3 : 2, [.. attributes]);
            steps = outputs[0];
            finalStates = outputs[1];
            // [T, D, B, H] → [T, B, D·H]: the next layer's input, directions side by side as PyTorch lays them out.
            x = stack.Directions == 1 ? g.Squeeze(steps, 1) : g.Reshape(g.Transpose(steps, 0, 2, 1, 3), 0, 0, -1);
        }
        return new OnnxRecurrentValues(x, steps, finalStates);
    }

    /// <summary>
    /// Rotates each sequence of time-major <paramref name="x"/> <c>[T, B, …]</c> of pre-padded batches so that its real
    /// steps come first (<paramref name="toFront"/>), or back to the end; step t of sequence b moves to
    /// <c>(t − length_b) mod T</c>, or to <c>(t + length_b) mod T</c>.
    /// </summary>
    public string Roll(string x, OnnxLengths lengths, bool toFront)
    {
        string steps = g.Size(x, 0);
        string t = g.Unsqueeze(g.Node("Range", [g.Int64(0), steps, g.Int64(1)]), 1);
        string length = g.Unsqueeze(lengths.Int64, 0);
        string shifted = toFront ? g.Node("Add", [g.Node("Sub", [t, length]), steps]) : g.Node("Add", [t, length]);
        string source = g.Node("Mod", [shifted, steps]);
        string index = g.Node("Expand", [g.Unsqueeze(source, 2), g.Node("Shape", [x])]);
        return g.Node("GatherElements", [x, index], OnnxAttribute.Int("axis", 0));
    }

    /// <summary>The input weights W, recurrent weights R and biases B of one layer, both directions, in ONNX's layout and gate order.</summary>
    private (string W, string R, string B) LayerWeights(OnnxRecurrentStack stack, int layer, string name)
    {
        int rows = stack.Gates * stack.Hidden;
        var first = stack.Parameter("weight_ih", layer, 0) ?? throw new InvalidOperationException($"{name}: no weight_ih_l{layer}.");
        int inputs = first.Dim(1);
        int directions = stack.Directions;
        var w = new float[directions * rows * inputs];
        var r = new float[directions * rows * stack.Hidden];
        var b = new float[directions * 2 * rows];
        for (int d = 0; d < directions; d++)
        {
            Reorder(stack, Required(stack, "weight_ih", layer, d), inputs, w.AsSpan(d * rows * inputs, rows * inputs));
            Reorder(stack, Required(stack, "weight_hh", layer, d), stack.Hidden, r.AsSpan(d * rows * stack.Hidden, rows * stack.Hidden));
            // ONNX's B is [Wb | Rb]; a missing bias (Keras' single bias, or bias: false) is zero.
            if (stack.Parameter("bias_ih", layer, d) is Tensor bih) Reorder(stack, bih, 1, b.AsSpan(d * 2 * rows, rows));
            if (stack.Parameter("bias_hh", layer, d) is Tensor bhh) Reorder(stack, bhh, 1, b.AsSpan(d * 2 * rows + rows, rows));
        }
        return (g.Weight(name + "_W", w, directions, rows, inputs),
            g.Weight(name + "_R", r, directions, rows, stack.Hidden),
            g.Weight(name + "_B", b, directions, 2 * rows));
    }

    private static Tensor Required(OnnxRecurrentStack stack, string stem, int layer, int direction) =>
        stack.Parameter(stem, layer, direction)
        ?? throw new InvalidOperationException($"ONNX export: the recurrent stack has no {stem}_l{layer}{(direction == 1 ? "_reverse" : "")}.");

    /// <summary>Copies the gate blocks of <paramref name="source"/> (<c>[G·H, columns]</c>, PyTorch's order) into ONNX's order.</summary>
    private static void Reorder(OnnxRecurrentStack stack, Tensor source, int columns, Span<float> target)
    {
        int block = stack.Hidden * columns;
        var order = stack.OnnxGateOrder;
        for (int gate = 0; gate < order.Length; gate++)
            source.Span.Slice(order[gate] * block, block).CopyTo(target.Slice(gate * block, block));
    }
}
