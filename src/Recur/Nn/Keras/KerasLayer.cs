namespace Recur.Nn.Keras;

/// <summary>
/// A layer that builds itself, as Keras layers do: it is made without its input size, and its parameters are created
/// (with Keras' initialisers, under PyTorch's names) by <see cref="Build"/> — called by the first
/// <see cref="Forward"/> with that input's shape, by <c>Sequential.Build</c> or a model summary from a declared input
/// shape, by <see cref="Module.LoadStateDict"/> from the shapes of the weights it loads, or at construction when the
/// input size is given. Until then the layer has no parameters: asking for them (an optimizer over
/// <c>model.Parameters()</c>, a state dict, a parameter count) is an <see cref="InvalidOperationException"/> that says
/// how to build it. <see cref="ComputeOutputShape"/> needs no build, so shapes are inferred without running anything.
/// </summary>
/// <remarks>
/// A new layer implements <see cref="ComputeOutputShape"/> (which also refuses inputs it cannot take),
/// <see cref="BuildLayer"/> (create and register the parameters for an input shape) and <see cref="Call"/> (the
/// forward on a built layer); <see cref="InputShapeFromState"/> lets it be built by loading a checkpoint.
/// </remarks>
public abstract class KerasLayer : Layer
{
    private int?[]? _builtFor;

    /// <summary>True once the parameters exist.</summary>
    public bool Built => _builtFor is not null;

    /// <summary>The input shape the layer was built for (batch first, null where unknown), or null before it is built.</summary>
    public int?[]? BuildInputShape => (int?[]?)_builtFor?.Clone();

    /// <summary>The input shape it was built for, once built.</summary>
    public override int?[]? DeclaredInputShape => BuildInputShape;

    /// <summary>
    /// Creates the parameters for inputs of shape <paramref name="inputShape"/> (batch first, null where unknown; the
    /// dimensions the parameters depend on must be known). Keras' <c>build</c>. Once built, a call with a compatible shape
    /// only checks that the layer can take the shape (a recurrent layer built on 60-step inputs takes 80 steps as well).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The layer cannot take that shape (once built: an input size other than the one it was built for), or a dimension
    /// its parameters need is unknown.
    /// </exception>
    public void Build(params int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ComputeOutputShape(inputShape);
        if (_builtFor is not null) return;
        BuildLayer(inputShape);
        _builtFor = (int?[])inputShape.Clone();
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Works on an unbuilt layer; refuses a shape the layer cannot take, and once built, one whose sizes differ from those
    /// its parameters were made for.
    /// </remarks>
    public abstract override int?[] ComputeOutputShape(int?[] inputShape);

    /// <summary>Builds the layer for <paramref name="input"/>'s shape if it is not built yet, then runs <see cref="Call"/>.</summary>
    public sealed override Tensor Forward(Tensor input)
    {
        EnsureBuilt(input);
        return Call(input);
    }

    /// <summary>Builds the layer for <paramref name="input"/>'s shape (batch unknown) unless it is built already.</summary>
    protected void EnsureBuilt(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_builtFor is null) Build(LayerShape.Of(input));
    }

    /// <summary>
    /// Creates and registers the parameters for <paramref name="inputShape"/>, which <see cref="ComputeOutputShape"/> has
    /// accepted. Called once.
    /// </summary>
    protected abstract void BuildLayer(int?[] inputShape);

    /// <summary>The forward pass of the built layer (Keras' <c>call</c>).</summary>
    protected abstract Tensor Call(Tensor input);

    /// <summary>
    /// The input shape to build for so that the parameters have the shapes of those in <paramref name="state"/> under
    /// <paramref name="prefix"/> (e.g. <c>"1."</c> + <c>"weight"</c>), or null when the state does not say.
    /// </summary>
    protected virtual int?[]? InputShapeFromState(IReadOnlyDictionary<string, Tensor> state, string prefix) => null;

    /// <summary>Throws a message naming the layer when it is not built.</summary>
    private protected override void RequireParametersKnown()
    {
        if (_builtFor is null)
            throw new InvalidOperationException(
                $"{this} is not built yet, so it has no parameters: its input size becomes known at the first Forward. " +
                "Build it before asking for parameters (e.g. before creating an optimizer over model.Parameters()): call " +
                "Sequential.Build with the input shape (e.g. [null, 60]), run one batch through the model, or give the layer its inputSize.");
    }

    /// <inheritdoc/>
    private protected override void BuildFromState(IReadOnlyDictionary<string, Tensor> state, string prefix)
    {
        if (_builtFor is null)
        {
            var shape = InputShapeFromState(state, prefix) ?? throw new ArgumentException(
                $"LoadStateDict: {this} at '{prefix.TrimEnd('.')}' is not built and the state has no weights of it to build it from; " +
                "build the model first (Sequential.Build or one Forward).", nameof(state));
            Build(shape);
        }
        base.BuildFromState(state, prefix);
    }

    /// <summary>The width of the last dimension of <paramref name="inputShape"/>, which must be known.</summary>
    /// <exception cref="ArgumentException">The shape has no dimensions, or its last is unknown.</exception>
    protected int FeatureSize(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0 || inputShape[^1] is not int features)
            throw new ArgumentException($"{this} needs the size of its input's last dimension but got {LayerShape.Format(inputShape)}.", nameof(inputShape));
        if (features <= 0)
            throw new ArgumentException($"{this} needs a positive input size but got {LayerShape.Format(inputShape)}.", nameof(inputShape));
        return features;
    }
}
