using Recur.Nn;

namespace Recur.Onnx;

/// <summary>The kind of cell a recurrent stack runs, as ONNX names its operator.</summary>
internal enum OnnxCell
{
    Rnn,
    Lstm,
    Gru,
}

/// <summary>
/// A recurrent stack as the exporter needs it, whichever Recur layer holds it: the cell, its sizes, the activation of
/// an Elman RNN, GRU's reset placement, and the parameters under PyTorch's names (<c>weight_ih_l0</c>,
/// <c>bias_hh_l1_reverse</c>, …), one bias of the two possibly missing (Keras' single bias) or both.
/// </summary>
internal sealed record OnnxRecurrentStack(OnnxCell Cell, int Hidden, int Layers, int Directions, bool Relu, bool ResetAfter,
    IReadOnlyDictionary<string, Tensor> Parameters)
{
    /// <summary>A PyTorch-style module: <see cref="RNN"/>, <see cref="LSTM"/> or <see cref="GRU"/>.</summary>
    public static OnnxRecurrentStack Of(RecurrentBase module) => new(
        module switch
        {
            LSTM => OnnxCell.Lstm,
            GRU => OnnxCell.Gru,
            RNN => OnnxCell.Rnn,
            _ => throw new NotSupportedException($"ONNX export does not know the recurrent module {module.GetType().Name}."),
        },
        module.HiddenSize, module.NumLayers, module.Bidirectional ? 2 : 1,
        module is RNN { Nonlinearity: Nonlinearity.Relu }, module is not GRU { ResetAfter: false },
        module.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter));

    /// <summary>Gates per step: 4 for LSTM, 3 for GRU, 1 for an Elman RNN.</summary>
    public int Gates => Cell switch { OnnxCell.Lstm => 4, OnnxCell.Gru => 3, _ => 1 };

    /// <summary>
    /// Where each of ONNX's gate blocks is in PyTorch's order. ONNX orders LSTM gates i, o, f, c (PyTorch: i, f, g, o) and
    /// GRU gates z, r, h (PyTorch: r, z, n).
    /// </summary>
    public int[] OnnxGateOrder => Cell switch
    {
        OnnxCell.Lstm => [0, 3, 1, 2],
        OnnxCell.Gru => [1, 0, 2],
        _ => [0],
    };

    /// <summary>The parameter <paramref name="stem"/> (<c>weight_ih</c>, …) of a layer and direction, or null when the layer has none.</summary>
    public Tensor? Parameter(string stem, int layer, int direction) =>
        Parameters.TryGetValue($"{stem}_l{layer}{(direction == 1 ? "_reverse" : "")}", out var p) ? p : null;
}
