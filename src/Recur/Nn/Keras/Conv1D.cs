namespace Recur.Nn.Keras;

/// <summary>
/// Keras' <c>Conv1D(filters, kernel_size, strides, padding, activation)</c> on <c>[B, L, C]</c>: the convolution of
/// <see cref="Tensor.Conv1d(Tensor, Tensor, Tensor?, int, int, int, bool)"/> in its channels-last layout, built at the
/// first call for the input's channels. Parameters keep PyTorch's names and layouts (<c>weight [filters, C, k]</c>,
/// <c>bias [filters]</c>), with Keras' initialisation: Glorot-uniform over fan-in <c>C·k</c> and fan-out
/// <c>filters·k</c>, zero bias. Padding <c>"valid"</c> adds none (<c>L_out = ⌊(L − d·(k − 1) − 1) / s⌋ + 1</c>);
/// <c>"same"</c> pads so <c>L_out = ⌈L / s⌉</c>, the extra zero at the end as TensorFlow does; <c>"causal"</c> pads
/// <c>d·(k − 1)</c> zeros at the start.
/// </summary>
public sealed class Conv1D : KerasLayer
{
    private readonly Generator _generator;
    private Tensor? _weight;
    private Tensor? _bias;

    /// <summary>Creates the layer; <paramref name="inputChannels"/> (by name) builds it at once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, stride or dilation below 1.</exception>
    /// <exception cref="ArgumentException">An unknown padding or activation.</exception>
    public Conv1D(int filters, int kernelSize, int strides = 1, string padding = "valid", string? activation = null, int dilationRate = 1,
        bool useBias = true, Generator? generator = null, int? inputChannels = null)
    {
        if (filters < 1) throw new ArgumentOutOfRangeException(nameof(filters), filters, "Conv1D: filters must be at least 1.");
        if (kernelSize < 1) throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "Conv1D: kernelSize must be at least 1.");
        if (strides < 1) throw new ArgumentOutOfRangeException(nameof(strides), strides, "Conv1D: strides must be at least 1.");
        if (dilationRate < 1) throw new ArgumentOutOfRangeException(nameof(dilationRate), dilationRate, "Conv1D: dilationRate must be at least 1.");
        if (padding is not ("valid" or "same" or "causal"))
            throw new ArgumentException($"Conv1D: padding must be \"valid\", \"same\" or \"causal\", got \"{padding}\".", nameof(padding));
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Padding = padding;
        DilationRate = dilationRate;
        Activation = KerasActivation.Check(activation, "Conv1D");
        UseBias = useBias;
        _generator = generator ?? Generator.Default;
        if (inputChannels is int channels) Build(null, null, channels);
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Width of the window.</summary>
    public int KernelSize { get; }

    /// <summary>Step between windows.</summary>
    public int Strides { get; }

    /// <summary><c>"valid"</c>, <c>"same"</c> or <c>"causal"</c>.</summary>
    public string Padding { get; }

    /// <summary>Spacing between the window's taps.</summary>
    public int DilationRate { get; }

    /// <summary>The activation applied to the output (<c>"linear"</c> for none).</summary>
    public string Activation { get; }

    /// <summary>Whether the layer has a bias.</summary>
    public bool UseBias { get; }

    /// <summary>Input channels, once built.</summary>
    public int? InputChannels { get; private set; }

    /// <summary>Weight <c>[filters, C, k]</c> (once built).</summary>
    public Tensor Weight => _weight ?? throw new InvalidOperationException($"{this} is not built yet: it has no weight until its input channels are known.");

    /// <summary>Bias <c>[filters]</c>, or null without one (once built).</summary>
    public Tensor? Bias => Built ? _bias : throw new InvalidOperationException($"{this} is not built yet: it has no bias until its input channels are known.");

    /// <inheritdoc/>
    /// <remarks>Input <c>(batch, steps, channels)</c>; output <c>(batch, new steps, filters)</c>.</remarks>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length != 3)
            throw new ArgumentException($"{this} expects input (batch, steps, channels) but got {LayerShape.Format(inputShape)}.", nameof(inputShape));
        int channels = FeatureSize(inputShape);
        if (InputChannels is int built && channels != built)
            throw new ArgumentException($"{this} expects {built} input channels but got input {LayerShape.Format(inputShape)}.", nameof(inputShape));
        int? steps = inputShape[1] is int length ? OutputLength(length) : null;
        if (steps is < 1)
            throw new ArgumentException($"{this}: input {LayerShape.Format(inputShape)} is shorter than the kernel's span of {Span} steps.", nameof(inputShape));
        return [inputShape[0], steps, Filters];
    }

    /// <inheritdoc/>
    protected override void BuildLayer(int?[] inputShape)
    {
        int channels = FeatureSize(inputShape);
        InputChannels = channels;
        float limit = MathF.Sqrt(6f / ((channels + Filters) * (float)KernelSize));
        _weight = RegisterParameter("weight", Tensor.Uniform(_generator, -limit, limit, Filters, channels, KernelSize));
        _bias = UseBias ? RegisterParameter("bias", Tensor.Zeros(Filters)) : null;
    }

    /// <inheritdoc/>
    protected override int?[]? InputShapeFromState(IReadOnlyDictionary<string, Tensor> state, string prefix) =>
        state.TryGetValue(prefix + "weight", out var weight) && weight.Rank == 3 ? [null, null, weight.Dim(1)] : null;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor input)
    {
        ComputeOutputShape(LayerShape.Of(input));
        var y = Tensor.Conv1d(input, _weight!, _bias, Strides, Pads(input.Dim(1)), DilationRate, channelsLast: true);
        return KerasActivation.Apply(y, Activation);
    }

    /// <summary>
    /// This layer (its activation ReLU) and <see cref="GlobalMaxPooling1D"/> as one op (<see cref="Conv1dReluGlobalMaxLayers"/>):
    /// <c>[B, L, C] → [B, filters]</c>, built at the first call as <see cref="KerasLayer.Forward"/> is.
    /// </summary>
    internal Tensor CallReluGlobalMax(Tensor input)
    {
        EnsureBuilt(input);
        ComputeOutputShape(LayerShape.Of(input));
        return Tensor.Conv1dReluGlobalMax(input, _weight!, _bias, Strides, Pads(input.Dim(1)), DilationRate, channelsLast: true);
    }

    /// <summary>Keras' spelling: <c>Conv1D(32, 5, activation: relu)</c>.</summary>
    public override string ToString() =>
        $"Conv1D({Filters}, {KernelSize}{(Strides != 1 ? $", strides: {Strides}" : "")}{(Padding != "valid" ? $", padding: {Padding}" : "")}" +
        $"{(Activation != "linear" ? $", activation: {Activation}" : "")})";

    private int Span => DilationRate * (KernelSize - 1) + 1;

    private int OutputLength(int length) => Padding switch
    {
        "same" => (length + Strides - 1) / Strides,
        "causal" => (length - 1) / Strides + 1,
        _ => length < Span ? 0 : (length - Span) / Strides + 1,
    };

    /// <summary>Zeros at the start and the end for an input of <paramref name="length"/> steps.</summary>
    private (int Start, int End) Pads(int length)
    {
        switch (Padding)
        {
            case "same":
                int total = Math.Max((OutputLength(length) - 1) * Strides + Span - length, 0);
                return (total / 2, total - total / 2);
            case "causal":
                return (Span - 1, 0);
            default:
                return (0, 0);
        }
    }
}
