using Recur.Nn.Recurrent;

namespace Recur.Nn.Keras;

/// <summary>
/// What the Keras-style recurrent layers share: batch-first input <c>[B, T, F]</c>, <c>units</c> hidden units,
/// <c>returnSequences</c> (the whole sequence <c>[B, T, units]</c>, many-to-many) or only the last real step
/// <c>[B, units]</c> (many-to-one), <c>returnState</c> (the final states are kept in <see cref="States"/>), Keras'
/// initialisation (Glorot-uniform input weights, orthogonal recurrent weights, zero biases, LSTM forget bias 1) and
/// Keras' parameter counts. Parameters keep PyTorch's names and layouts (<c>weight_ih_l0</c> <c>[G·units, F]</c>, …).
/// The layer builds itself at the first call (F is then known), unless it is given <c>inputSize:</c>.
/// </summary>
public abstract class KerasRecurrentLayer : KerasLayer, ISequenceLayer
{
    private readonly TimeLoop _timeLoop;
    private readonly RecurrentBias _bias;
    private readonly string _name;
    private readonly int _stateCount;
    private readonly int _directions;
    private readonly MergeMode _merge;
    private RecurrentStack? _stack;
    private DirectionParameters[] _parameters = [];
    private Tensor[] _states = [];

    private protected KerasRecurrentLayer(string name, TimeLoop timeLoop, int units, bool returnSequences, bool returnState, bool useBias,
        bool hiddenBias, float dropout, Generator? generator, int? inputSize)
        : this(name, timeLoop, units, returnSequences, returnState,
            !useBias ? RecurrentBias.None : hiddenBias ? RecurrentBias.InputAndHidden : RecurrentBias.InputOnly,
            dropout, generator, inputSize, directions: 1, MergeMode.Concat)
    {
    }

    /// <summary>A copy of <paramref name="layer"/>'s configuration run in both directions (what <see cref="Bidirectional"/> is).</summary>
    private protected KerasRecurrentLayer(KerasRecurrentLayer layer, MergeMode merge)
        : this(layer is null ? throw new ArgumentNullException(nameof(layer)) : $"Bidirectional({layer._name})", layer._timeLoop, layer.Units,
            layer.ReturnSequences, layer.ReturnState, layer._bias, layer.DropoutRate, layer.Generator, layer.InputSize, directions: 2, merge)
    {
        if (layer._directions != 1)
            throw new ArgumentException($"Bidirectional wraps a one-direction recurrent layer but got {layer}.", nameof(layer));
    }

    private KerasRecurrentLayer(string name, TimeLoop timeLoop, int units, bool returnSequences, bool returnState, RecurrentBias bias,
        float dropout, Generator? generator, int? inputSize, int directions, MergeMode merge)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, $"{name}: units must be positive.");
        if (inputSize is <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"{name}: inputSize must be positive.");
        if (!(dropout >= 0f && dropout < 1f))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{name}: dropout must be in [0, 1).");
        if (!Enum.IsDefined(merge))
            throw new ArgumentOutOfRangeException(nameof(merge), merge, $"{name}: merge mode must be Concat, Sum, Mul or Ave.");
        _name = name;
        _timeLoop = timeLoop;
        _bias = bias;
        _directions = directions;
        _merge = merge;
        _stateCount = timeLoop.HasCellState ? 2 : 1;
        Units = units;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        DropoutRate = dropout;
        Generator = RegisterGenerator("generator", generator ?? Generator.Default);
        if (inputSize is int features) Build(null, null, features);
    }

    /// <summary>Hidden units (per direction).</summary>
    public int Units { get; }

    /// <summary>Features per input step, or null before the layer is built.</summary>
    public int? InputSize { get; private set; }

    /// <summary>True: output every step <c>[B, T, units]</c>; false: the last real step <c>[B, units]</c>.</summary>
    public bool ReturnSequences { get; }

    /// <summary>True: keep the final states of each call in <see cref="States"/> (Keras' <c>return_state</c>).</summary>
    public bool ReturnState { get; }

    /// <summary>
    /// Dropout on the layer's inputs in training (Keras' <c>dropout</c>): each sequence's features are dropped by one mask,
    /// the same at every step of the call; a bidirectional layer's two directions each draw their own.
    /// </summary>
    public float DropoutRate { get; }

    private protected Generator Generator { get; }

    /// <summary>
    /// The final states of the last call when <see cref="ReturnState"/> is set — <c>[h]</c>, or <c>[h, c]</c> for LSTM,
    /// each <c>[B, units]</c>; a bidirectional layer gives the forward direction's then the backward's — as Keras returns
    /// them after the output.
    /// </summary>
    public IReadOnlyList<Tensor> States => ReturnState ? _states : throw new InvalidOperationException($"{_name}: States needs returnState: true.");

    /// <summary>The width of each output step: <see cref="Units"/>, or twice that for a bidirectional concat.</summary>
    private int OutputWidth => _directions == 2 && _merge == MergeMode.Concat ? 2 * Units : Units;

    /// <inheritdoc/>
    /// <remarks>Input <c>(batch, steps, features)</c>; output <c>(batch, steps, units)</c> with returnSequences, else <c>(batch, units)</c>.</remarks>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length != 3)
            throw new ArgumentException($"{this} expects input (batch, steps, features) but got {LayerShape.Format(inputShape)}.", nameof(inputShape));
        int features = FeatureSize(inputShape);
        if (InputSize is int built && features != built)
            throw new ArgumentException($"{this} expects {built} features per step but got input {LayerShape.Format(inputShape)}.", nameof(inputShape));
        return ReturnSequences ? [inputShape[0], inputShape[1], OutputWidth] : [inputShape[0], OutputWidth];
    }

    /// <inheritdoc/>
    protected override void BuildLayer(int?[] inputShape)
    {
        int features = FeatureSize(inputShape);
        InputSize = features;
        _parameters = RecurrentParameters.Create(RegisterParameter, _timeLoop, features, Units, 1, _directions, _bias, RecurrentInit.Keras, Generator,
            layerSuffixes: true);
        _stack = new RecurrentStack(_name, _timeLoop, features, Units, 1, _directions, 0f, batchFirst: true);
    }

    /// <inheritdoc/>
    protected override int?[]? InputShapeFromState(IReadOnlyDictionary<string, Tensor> state, string prefix) =>
        state.TryGetValue(prefix + "weight_ih_l0", out var weight) && weight.Rank == 2 ? [null, null, weight.Dim(1)] : null;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor input) => Forward(input, null, null);

    /// <inheritdoc/>
    public Tensor Forward(Tensor input, SequenceLengths? lengths) => Forward(input, lengths, null);

    /// <summary>
    /// Runs padded sequences <c>[B, T, F]</c> with their real <paramref name="lengths"/> (Keras' masking), from
    /// <paramref name="initialStates"/> (<c>[h]</c> or <c>[h, c]</c>, each <c>[B, units]</c>, the forward direction's then
    /// the backward's for a bidirectional layer; zeros when null). The lengths carry their padding side (a plain
    /// <c>int[]</c> means post-padding; lengths from <c>PaddedSequences</c> or <see cref="SequenceLengths.FromIds"/> know
    /// theirs): many-to-one reads each sequence's last real step either way, the backward direction of a bidirectional
    /// layer reads each sequence's real steps from its last to its first, and a sequence of length 0 gives its initial
    /// state, as Keras does with an all-masked sequence. Builds the layer at the first call.
    /// </summary>
    public Tensor Forward(Tensor input, SequenceLengths? lengths, IReadOnlyList<Tensor>? initialStates)
    {
        EnsureBuilt(input);
        if (input.Rank != 3)
            throw new ArgumentException($"{_name} expects input [B, T, {InputSize}] but got {Tensor.ShapeText(input.Shape)}.");
        int batch = input.Dim(0);
        if (initialStates is not null && initialStates.Count != _stateCount * _directions)
            throw new ArgumentException($"{_name} expects {_stateCount * _directions} initial state(s) but got {initialStates.Count}.");
        // Keras drops the cell's input with one mask per sequence and feature, drawn once per call and used at every step
        // (its DropoutRNNCell caches the mask), not a fresh mask per step. Its Bidirectional runs two copies of the layer,
        // each with a cell and a mask of its own: the forward copy's mask is drawn first.
        bool dropping = DropoutRate > 0f && Training;
        var x = dropping ? Dropped(input) : input;
        var xReverse = dropping && _directions == 2 ? Dropped(input) : null;
        var result = _stack!.Forward(x, InitialState(initialStates, 0, batch), _stateCount == 2 ? InitialState(initialStates, 1, batch) : null,
            lengths, _parameters, Training, Generator, sequenceOutput: ReturnSequences, reverseInput: xReverse);
        if (ReturnState) _states = FinalStates(result, batch);
        if (ReturnSequences) return _directions == 1 || _merge == MergeMode.Concat ? result.Output : Merge(result.Output.Narrow(-1, 0, Units), result.Output.Narrow(-1, Units, Units));
        // Many-to-one: the state at each sequence's last real step is its output there (for the backward direction, the
        // state after its first real step).
        return _directions == 1 ? result.HN.Reshape(batch, Units) : Merge(result.HN.Select(0, 0), result.HN.Select(0, 1));
    }

    /// <summary><paramref name="input"/> <c>[B, T, F]</c> times a fresh inverted-dropout mask <c>[B, 1, F]</c>.</summary>
    private Tensor Dropped(Tensor input) => input * Tensor.Ones(input.Dim(0), 1, input.Dim(2)).Dropout(DropoutRate, training: true, Generator);

    /// <summary>Initial state <paramref name="kind"/> (0: h, 1: c) as the stack takes it, <c>[D, B, units]</c>, or null.</summary>
    private Tensor? InitialState(IReadOnlyList<Tensor>? initialStates, int kind, int batch)
    {
        if (initialStates is null) return null;
        var directions = new Tensor[_directions];
        for (int d = 0; d < _directions; d++)
        {
            int i = d * _stateCount + kind;
            var s = initialStates[i] ?? throw new ArgumentNullException(nameof(initialStates), $"{_name}: initial state {i} is null.");
            if (s.Rank != 2 || s.Dim(0) != batch || s.Dim(1) != Units)
                throw new ArgumentException($"{_name} expects initial state {i} [{batch}, {Units}] but got {Tensor.ShapeText(s.Shape)}.");
            directions[d] = s.Reshape(1, batch, Units);
        }
        return _directions == 1 ? directions[0] : Tensor.Concat(directions, 0);
    }

    /// <summary>Keras' order: h (and c) of the forward direction, then of the backward one.</summary>
    private Tensor[] FinalStates(RecurrentOutput result, int batch)
    {
        var states = new Tensor[_stateCount * _directions];
        for (int d = 0; d < _directions; d++)
        {
            states[d * _stateCount] = _directions == 1 ? result.HN.Reshape(batch, Units) : result.HN.Select(0, d);
            if (result.CN is not null) states[d * _stateCount + 1] = _directions == 1 ? result.CN.Reshape(batch, Units) : result.CN.Select(0, d);
        }
        return states;
    }

    /// <summary>The two directions' outputs merged as the merge mode says (Keras' <c>merge_mode</c>).</summary>
    private Tensor Merge(Tensor forward, Tensor backward) => _merge switch
    {
        MergeMode.Concat => Tensor.Concat([forward, backward], -1),
        MergeMode.Sum => forward + backward,
        MergeMode.Mul => forward * backward,
        _ => (forward + backward) * 0.5f,
    };

    /// <summary>Keras' spelling of the layer: <c>LSTM(32)</c>.</summary>
    public override string ToString() => $"{_name}({Units})";
}
