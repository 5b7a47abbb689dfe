using Recur.Nn;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// The forecaster's network, as a PyTorch user would write it: a batch-first recurrent stack <c>rnn</c> whose last
/// layer's final hidden state (both directions concatenated when bidirectional) feeds <c>fc</c>, a Linear layer with
/// one output per forecast step. Input <c>[B, T, F]</c>, output <c>[B, horizon]</c>. Parameter names are
/// <c>rnn.weight_ih_l0</c>, …, <c>fc.weight</c>, <c>fc.bias</c>.
/// </summary>
public sealed class ForecastNetwork : Layer, ILayerChain
{
    private readonly RecurrentBase _rnn;
    private readonly Linear _fc;

    /// <summary>Builds the network with PyTorch's initialisation drawn from <paramref name="generator"/>.</summary>
    public ForecastNetwork(RecurrentKind kind, int inputSize, int hidden, int layers, bool bidirectional, float dropout, int horizon,
        Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Kind = kind;
        _rnn = RegisterModule("rnn", RecurrentModules.Create(kind, inputSize, hidden, layers, bidirectional, dropout, generator));
        _fc = RegisterModule("fc", new Linear(hidden * (bidirectional ? 2 : 1), horizon, generator: generator));
    }

    /// <summary>
    /// The number of parameters a network of this architecture has, computed without building it: what a checkpoint's
    /// weights must hold before its config is trusted to allocate anything.
    /// </summary>
    public static long CountParameters(RecurrentKind kind, int inputSize, int hidden, int layers, bool bidirectional, int horizon) =>
        horizon <= 0 ? 0 : RecurrentModules.CountParameters(kind, inputSize, hidden, layers, bidirectional, horizon);

    /// <summary>The recurrent layer's kind.</summary>
    public RecurrentKind Kind { get; }

    /// <summary>
    /// The network as stock layers — the recurrent module read out at its last layer's final state, then <c>fc</c> — for
    /// tools that describe a model layer by layer (ONNX export). The readout layer is made in this network's mode.
    /// </summary>
    public IReadOnlyList<Layer> Layers
    {
        get
        {
            var readout = new RecurrentLayer(_rnn, RecurrentReadout.FinalState);
            readout.Train(Training);
            return [readout, _fc];
        }
    }

    /// <summary>Forecasts <c>[B, horizon]</c> from windows <c>[B, T, F]</c>.</summary>
    public override Tensor Forward(Tensor input)
    {
        var hn = _rnn.Forward(input).HN;
        // hn is [L·D, B, H]; the last layer's directions are its last D entries.
        int directions = _rnn.Bidirectional ? 2 : 1;
        int last = hn.Dim(0) - directions;
        var summary = directions == 1
            ? hn.Select(0, last)
            : Tensor.Concat([hn.Select(0, last), hn.Select(0, last + 1)], axis: -1);
        return _fc.Forward(summary);
    }
}
