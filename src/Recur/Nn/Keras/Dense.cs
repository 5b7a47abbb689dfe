namespace Recur.Nn.Keras;

/// <summary>
/// Keras' <c>Dense</c>: <c>y = act(x · Wᵀ + b)</c> over the last dimension. The kernel starts Glorot-uniform and the
/// bias at zero, as in Keras; parameters keep PyTorch's <c>Linear</c> names and layouts (<c>weight</c> <c>[units, in]</c>,
/// <c>bias</c> <c>[units]</c>), so a Dense and a <see cref="Linear"/> of the same sizes load each other's state.
/// <c>Dense(1, activation: "sigmoid")</c> builds itself for the width of its first input; <c>inputSize:</c> builds it at once.
/// </summary>
public sealed class Dense : KerasLayer
{
    private readonly Generator _generator;
    private Tensor? _weight;
    private Tensor? _bias;

    /// <summary>
    /// Creates the layer. <paramref name="activation"/> is Keras' name: <c>"linear"</c> (or null: none),
    /// <c>"sigmoid"</c>, <c>"relu"</c>, <c>"tanh"</c> or <c>"softmax"</c> (over the last dimension).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="activation"/> is not one of those names.</exception>
    public Dense(int units, string? activation = null, bool useBias = true, Generator? generator = null, int? inputSize = null)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "Dense: units must be positive.");
        if (inputSize is <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "Dense: inputSize must be positive.");
        Units = units;
        Activation = KerasActivation.Check(activation, "Dense");
        UseBias = useBias;
        _generator = generator ?? Generator.Default;
        if (inputSize is int features) Build(null, features);
    }

    /// <summary>Output width.</summary>
    public int Units { get; }

    /// <summary>The activation's Keras name (<c>"linear"</c> when none).</summary>
    public string Activation { get; }

    /// <summary>Whether the layer adds a bias.</summary>
    public bool UseBias { get; }

    /// <summary>Input width, or null before the layer is built.</summary>
    public int? InputSize { get; private set; }

    /// <summary>Weight <c>[units, in]</c>.</summary>
    /// <exception cref="InvalidOperationException">The layer is not built yet.</exception>
    public Tensor Weight => _weight ?? throw new InvalidOperationException($"{this} is not built yet: it has no weight until its input size is known.");

    /// <summary>Bias <c>[units]</c>, or null without one.</summary>
    /// <exception cref="InvalidOperationException">The layer is not built yet.</exception>
    public Tensor? Bias => Built ? _bias : throw new InvalidOperationException($"{this} is not built yet: it has no bias until its input size is known.");

    /// <inheritdoc/>
    /// <remarks>Input <c>(batch, …, in)</c>; output <c>(batch, …, units)</c>.</remarks>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length < 2)
            throw new ArgumentException($"{this} expects input (batch, …, features) but got {LayerShape.Format(inputShape)}.", nameof(inputShape));
        int features = FeatureSize(inputShape);
        if (InputSize is int built && features != built)
            throw new ArgumentException($"{this} expects {built} input features but got input {LayerShape.Format(inputShape)}.", nameof(inputShape));
        var output = (int?[])inputShape.Clone();
        output[^1] = Units;
        return output;
    }

    /// <inheritdoc/>
    protected override void BuildLayer(int?[] inputShape)
    {
        int features = FeatureSize(inputShape);
        InputSize = features;
        _weight = RegisterParameter("weight", Initializers.GlorotUniform(_generator, Units, features));
        _bias = UseBias ? RegisterParameter("bias", Tensor.Zeros(Units)) : null;
    }

    /// <inheritdoc/>
    protected override int?[]? InputShapeFromState(IReadOnlyDictionary<string, Tensor> state, string prefix) =>
        state.TryGetValue(prefix + "weight", out var weight) && weight.Rank == 2 ? [null, weight.Dim(1)] : null;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor input)
    {
        if (input.Rank < 2 || input.Dim(-1) != InputSize)
            throw new ArgumentException($"{this} expects input [B, …, {InputSize}] but got {Tensor.ShapeText(input.Shape)}.", nameof(input));
        return KerasActivation.Apply(Tensor.Linear(input, _weight!, _bias), Activation);
    }

    /// <summary>Keras' spelling: <c>Dense(1, activation: sigmoid)</c>.</summary>
    public override string ToString() => Activation == "linear" ? $"Dense({Units})" : $"Dense({Units}, activation: {Activation})";
}
