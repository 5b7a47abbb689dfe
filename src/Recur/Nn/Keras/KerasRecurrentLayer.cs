using Recur.Nn.Recurrent;

namespace Recur.Nn.Keras;

/// <summary>
/// What the Keras-style recurrent layers share: batch-first input <c>[B, T, F]</c>, <c>units</c> hidden units,
/// <c>returnSequences</c> (the whole sequence <c>[B, T, units]</c>, many-to-many) or only the last real step
/// <c>[B, units]</c> (many-to-one), <c>returnState</c> (the final states are kept in <see cref="States"/>), Keras'
/// initialisation (Glorot-uniform input weights, orthogonal recurrent weights, zero biases, LSTM forget bias 1) and
/// Keras' parameter counts. Parameters keep PyTorch's names and layouts (<c>weight_ih_l0</c> <c>[G·units, F]</c>, …).
/// </summary>
public abstract class KerasRecurrentLayer : Layer, ISequenceLayer
{
    private readonly RecurrentStack _stack;
    private readonly DirectionParameters[] _parameters;
    private readonly string _name;
    private readonly int _stateCount;
    private Tensor[] _states = [];

    private protected KerasRecurrentLayer(string name, CellMath cell, int units, int inputSize, bool returnSequences, bool returnState,
        bool useBias, bool hiddenBias, float dropout, Generator? generator)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, $"{name}: units must be positive.");
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"{name}: inputSize must be positive.");
        if (!(dropout >= 0f && dropout < 1f))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{name}: dropout must be in [0, 1).");
        _name = name;
        _stateCount = cell.HasCellState ? 2 : 1;
        Units = units;
        InputSize = inputSize;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        DropoutRate = dropout;
        Generator = generator ?? Generator.Default;
        var bias = !useBias ? RecurrentBias.None : hiddenBias ? RecurrentBias.InputAndHidden : RecurrentBias.InputOnly;
        _parameters = RecurrentParameters.Create(RegisterParameter, cell, inputSize, units, 1, 1, bias, RecurrentInit.Keras, Generator, layerSuffixes: true);
        _stack = new RecurrentStack(name, cell, inputSize, units, 1, 1, 0f, batchFirst: true);
    }

    /// <summary>Hidden units.</summary>
    public int Units { get; }

    /// <summary>Features per input step.</summary>
    public int InputSize { get; }

    /// <summary>True: output every step <c>[B, T, units]</c>; false: the last real step <c>[B, units]</c>.</summary>
    public bool ReturnSequences { get; }

    /// <summary>True: keep the final states of each call in <see cref="States"/> (Keras' <c>return_state</c>).</summary>
    public bool ReturnState { get; }

    /// <summary>Dropout on the layer's inputs in training (Keras' <c>dropout</c>).</summary>
    public float DropoutRate { get; }

    private protected Generator Generator { get; }

    /// <summary>
    /// The final states of the last call when <see cref="ReturnState"/> is set — <c>[h]</c>, or <c>[h, c]</c> for LSTM,
    /// each <c>[B, units]</c> — as Keras returns them after the output.
    /// </summary>
    public IReadOnlyList<Tensor> States => ReturnState ? _states : throw new InvalidOperationException($"{_name}: States needs returnState: true.");

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <inheritdoc/>
    public Tensor Forward(Tensor input, SequenceLengths? lengths) => Forward(input, lengths, null);

    /// <summary>
    /// Runs padded sequences <c>[B, T, F]</c> with their real <paramref name="lengths"/> (Keras' masking), from
    /// <paramref name="initialStates"/> (<c>[h]</c> or <c>[h, c]</c>, each <c>[B, units]</c>; zeros when null). The lengths
    /// carry their padding side (a plain <c>int[]</c> means post-padding; lengths from <c>PaddedSequences</c> or
    /// <see cref="SequenceLengths.FromIds"/> know theirs): many-to-one reads each sequence's last real step either way, and
    /// a sequence of length 0 gives its initial state, as Keras does with an all-masked sequence.
    /// </summary>
    public Tensor Forward(Tensor input, SequenceLengths? lengths, IReadOnlyList<Tensor>? initialStates)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3)
            throw new ArgumentException($"{_name} expects input [B, T, {InputSize}] but got {Tensor.ShapeText(input.Shape)}.");
        int batch = input.Dim(0);
        if (initialStates is not null && initialStates.Count != _stateCount)
            throw new ArgumentException($"{_name} expects {_stateCount} initial state(s) but got {initialStates.Count}.");
        Tensor? State(int i)
        {
            if (initialStates is null) return null;
            var s = initialStates[i];
            if (s.Rank != 2 || s.Dim(0) != batch || s.Dim(1) != Units)
                throw new ArgumentException($"{_name} expects initial state {i} [{batch}, {Units}] but got {Tensor.ShapeText(s.Shape)}.");
            return s.Reshape(1, batch, Units);
        }
        var x = DropoutRate > 0f ? input.Dropout(DropoutRate, Training, Generator) : input;
        var result = _stack.Forward(x, State(0), _stateCount == 2 ? State(1) : null, lengths, _parameters, Training, Generator);
        var h = result.HN.Reshape(batch, Units);
        if (ReturnState) _states = result.CN is null ? [h] : [h, result.CN.Reshape(batch, Units)];
        // Many-to-one: the state at each sequence's last real step is its output there.
        return ReturnSequences ? result.Output : h;
    }
}

/// <summary>Keras' <c>SimpleRNN</c>: <c>h_t = act(x_t W + h_{t−1} U + b)</c>, one bias.</summary>
public sealed class SimpleRNN(int units, int inputSize, bool returnSequences = false, bool returnState = false,
    Nonlinearity activation = Nonlinearity.Tanh, bool useBias = true, float dropout = 0f, Generator? generator = null)
    : KerasRecurrentLayer("SimpleRNN", new RnnCellMath(activation), units, inputSize, returnSequences, returnState, useBias, hiddenBias: false, dropout, generator)
{
    /// <summary>The activation.</summary>
    public Nonlinearity Activation { get; } = activation;
}

/// <summary>Keras' <c>LSTM</c> layer (gate order i, f, g, o; one bias, forget-gate bias starting at 1).</summary>
public sealed class LSTM(int units, int inputSize, bool returnSequences = false, bool returnState = false, bool useBias = true,
    float dropout = 0f, Generator? generator = null)
    : KerasRecurrentLayer("LSTM", new LstmCellMath(), units, inputSize, returnSequences, returnState, useBias, hiddenBias: false, dropout, generator);

/// <summary>
/// Keras' <c>GRU</c> layer. With <c>resetAfter</c> (Keras' default) it has an input and a recurrent bias, as PyTorch;
/// without, one bias and the reset gate applied before the recurrent product (Cho et al.). Gate order is PyTorch's r, z, n.
/// </summary>
public sealed class GRU(int units, int inputSize, bool returnSequences = false, bool returnState = false, bool useBias = true,
    bool resetAfter = true, float dropout = 0f, Generator? generator = null)
    : KerasRecurrentLayer("GRU", new GruCellMath(resetAfter), units, inputSize, returnSequences, returnState, useBias, hiddenBias: resetAfter, dropout, generator)
{
    /// <summary>Whether the reset gate acts after the recurrent product.</summary>
    public bool ResetAfter { get; } = resetAfter;
}
