using Recur.Nn.Recurrent;

namespace Recur.Nn;

/// <summary>
/// What <see cref="RNN"/>, <see cref="LSTM"/> and <see cref="GRU"/> share: PyTorch's constructor arguments, parameter
/// names and layouts (<c>weight_ih_l{k}</c> <c>[G·H, in]</c>, <c>weight_hh_l{k}</c> <c>[G·H, H]</c>, <c>bias_ih_l{k}</c>,
/// <c>bias_hh_l{k}</c>, suffix <c>_reverse</c> for the backward direction), initialisation U(−1/√H, 1/√H), and one
/// <see cref="Forward"/> for every kind, which runs the whole stack as one operation on the autograd tape.
/// </summary>
public abstract class RecurrentBase : Module
{
    private readonly RecurrentStack _stack;
    private readonly DirectionParameters[] _parameters;
    private readonly Generator _generator;
    private readonly string _name;

    private protected RecurrentBase(string name, TimeLoop loop, int inputSize, int hiddenSize, int numLayers, bool bias, bool batchFirst,
        float dropout, bool bidirectional, Generator? generator)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"{name}: inputSize must be positive.");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, $"{name}: hiddenSize must be positive.");
        if (numLayers <= 0) throw new ArgumentOutOfRangeException(nameof(numLayers), numLayers, $"{name}: numLayers must be positive.");
        if (!(dropout >= 0f && dropout < 1f))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{name}: dropout must be in [0, 1).");
        _name = name;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Bias = bias;
        BatchFirst = batchFirst;
        Dropout = dropout;
        Bidirectional = bidirectional;
        _generator = RegisterGenerator("generator", generator ?? Generator.Default);

        int directions = bidirectional ? 2 : 1;
        _parameters = RecurrentParameters.Create(RegisterParameter, loop, inputSize, hiddenSize, numLayers, directions,
            bias ? RecurrentBias.InputAndHidden : RecurrentBias.None, RecurrentInit.PyTorch, _generator, layerSuffixes: true);
        _stack = new RecurrentStack(name, loop, inputSize, hiddenSize, numLayers, directions, dropout, batchFirst);
    }

    /// <summary>Features per input step F.</summary>
    public int InputSize { get; }

    /// <summary>Hidden units per direction H.</summary>
    public int HiddenSize { get; }

    /// <summary>Stacked layers L.</summary>
    public int NumLayers { get; }

    /// <summary>Whether the layers have biases.</summary>
    public bool Bias { get; }

    /// <summary>Input and output are <c>[B, T, ·]</c> instead of <c>[T, B, ·]</c>.</summary>
    public bool BatchFirst { get; }

    /// <summary>Dropout probability on the outputs of every layer but the last, in training.</summary>
    public float Dropout { get; }

    /// <summary>Whether each layer also runs the sequence backwards (D = 2).</summary>
    public bool Bidirectional { get; }

    /// <summary>True when the layer carries a cell state (LSTM): <see cref="Forward"/> takes c0 and returns c_n.</summary>
    public bool HasCellState => _stack.Loop.HasCellState;

    /// <summary>
    /// Runs the sequence <c>[T, B, F]</c> (or <c>[B, T, F]</c> with <see cref="BatchFirst"/>) from <paramref name="h0"/> and,
    /// for an <see cref="LSTM"/>, <paramref name="c0"/>, each <c>[L·D, B, H]</c> (zeros when null); <paramref name="lengths"/>,
    /// when given, are the real lengths of padded sequences and the side their padding is on (a plain <c>int[]</c> means
    /// post-padding, as PyTorch's packed sequences; see <see cref="SequenceLengths"/>): outputs at padding steps are zero and
    /// a sequence's final state is its state after its last real step (its initial state when its length is 0). The one call
    /// for every kind, so a caller holding a <see cref="RecurrentBase"/> needs no switch on the type.
    /// </summary>
    /// <exception cref="ArgumentException">A shape does not match, or <paramref name="c0"/> is given to a layer without a cell state.</exception>
    public RecurrentOutput Forward(Tensor input, Tensor? h0 = null, Tensor? c0 = null, SequenceLengths? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (c0 is not null && !HasCellState)
            throw new ArgumentException($"{_name} has no cell state: c0 must be null (only LSTM takes one).", nameof(c0));
        return _stack.Forward(input, h0, c0, lengths, _parameters, Training, _generator);
    }

    /// <summary>
    /// As <see cref="Forward"/> from zero initial states, for a caller that reads only the final states: the output has no
    /// steps (<c>[B, 0, D·H]</c> or <c>[0, B, D·H]</c>), so the sequence output is neither written nor given a gradient.
    /// </summary>
    internal RecurrentOutput ForwardFinalStates(Tensor input, SequenceLengths? lengths)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _stack.Forward(input, null, null, lengths, _parameters, Training, _generator, sequenceOutput: false);
    }

    /// <summary>The time loop the layer runs (tests set the reference kernel's loop of the same cell to compare the two).</summary>
    internal TimeLoop TimeLoop { get => _stack.Loop; set => _stack.Loop = value; }

    /// <summary>How many parts the time loops split the batch rows into (null: chosen by the work and the threads; tests set it).</summary>
    internal int? TimeLoopPartsOverride { get => _stack.PartsOverride; set => _stack.PartsOverride = value; }

    /// <summary>Whether the forward reads W_hh transposed once per sequence (the default) or repacks it at every step (tests compare).</summary>
    internal bool LayOutWeightHhOnce { get => _stack.LayOutWeightHhOnce; set => _stack.LayOutWeightHhOnce = value; }
}
