using Recur.Nn.Keras;
using Recur.Training;

namespace Recur.Nn;

/// <summary>
/// Layers applied one after another; they are named "0", "1", … as in PyTorch's <c>nn.Sequential</c>. Keras-style
/// layers in it build themselves at the first <see cref="Forward(Tensor)"/>, or all at once from a declared input
/// shape with <see cref="Build"/> (Keras' <c>model.build</c>), which is what an optimizer needs before it is made.
/// </summary>
public sealed class Sequential : Layer, ISequenceLayer, ILayerChain
{
    private readonly List<Layer> _layers = [];
    private int?[]? _inputShape;

    /// <summary>Creates the stack from <paramref name="layers"/>.</summary>
    public Sequential(params Layer[] layers)
    {
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>
    /// The model's input shape, batch first with null where unknown: the one given to <see cref="Build"/>, else the one
    /// the inputs so far had (a dimension that varied between calls is unknown), else the first layer's
    /// <see cref="Layer.DeclaredInputShape"/>; null when none of these is known.
    /// </summary>
    public int?[]? InputShape => (int?[]?)_inputShape?.Clone() ?? (_layers.Count > 0 ? _layers[0].DeclaredInputShape : null);

    /// <summary>The input shape <see cref="InputShape"/> reports.</summary>
    public override int?[]? DeclaredInputShape => InputShape;

    /// <summary>Appends <paramref name="layer"/>; returns this stack.</summary>
    public Sequential Add(Layer layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <summary>
    /// Builds every Keras-style layer not built yet for inputs of shape <paramref name="inputShape"/> (batch first, null
    /// where unknown, e.g. <c>[null, 60]</c> for ids of 60-step sequences; Keras' <c>model.build</c>), passing the
    /// inferred shapes from layer to layer, and records it as <see cref="InputShape"/>. Call it before creating an
    /// optimizer over <see cref="Module.Parameters"/> when the model has not run yet.
    /// </summary>
    /// <exception cref="ArgumentException">A layer cannot take the shape that reaches it.</exception>
    /// <exception cref="InvalidOperationException">
    /// A layer cannot infer its output shape without running and a Keras-style layer after it is not built.
    /// </exception>
    public void Build(params int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        int?[]? shape = (int?[])inputShape.Clone();
        for (int i = 0; i < _layers.Count; i++)
        {
            var layer = _layers[i];
            if (shape is null)
            {
                if (layer is KerasLayer { Built: false })
                    throw new InvalidOperationException(
                        $"Sequential.Build: layer {i} ({layer}) cannot be built because layer {i - 1} ({_layers[i - 1]}) cannot tell its output shape " +
                        "without running; run one batch through the model instead.");
                continue;
            }
            if (layer is KerasLayer keras) keras.Build(shape);
            else if (layer is Sequential inner) inner.Build(shape);
            shape = layer.ComputeOutputShape(shape);
        }
        _inputShape = (int?[])inputShape.Clone();
    }

    /// <summary>The output shape of the layers in turn, or null when one of them cannot tell without running.</summary>
    public override int?[]? ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        int?[]? shape = inputShape;
        foreach (var layer in _layers)
        {
            shape = layer.ComputeOutputShape(shape);
            if (shape is null) return null;
        }
        return shape;
    }

    /// <summary>
    /// Keras' <c>model.summary()</c>: the layers with Keras' names, output shapes and parameter counts, inferred from
    /// <see cref="InputShape"/> without running the model (building the Keras-style layers that are not built yet).
    /// Print it with <c>ToString()</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A Keras-style layer is not built and its input shape cannot be inferred.</exception>
    public ModelSummary Summary() => ModelSummary.Of(this);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>
    /// Runs the layers; <paramref name="lengths"/> reach every layer that takes them (the recurrent ones). A convolution
    /// followed by ReLU and global max pooling over time (<c>Conv1d → ReLU → AdaptiveMaxPool1d(1)</c>, or Keras'
    /// <c>Conv1D(activation: relu) → GlobalMaxPooling1D</c>) runs as
    /// <see cref="Tensor.Conv1dReluGlobalMax(Tensor, Tensor, Tensor?, int, ValueTuple{int, int}, int, bool)"/>, with the
    /// same values and gradients.
    /// </summary>
    public Tensor Forward(Tensor input, SequenceLengths? lengths)
    {
        ArgumentNullException.ThrowIfNull(input);
        RecordInputShape(input);
        var x = input;
        for (int i = 0; i < _layers.Count; i++)
        {
            var layer = _layers[i];
            // Convolution → ReLU → global max pooling runs as one op that never stores the convolution's output.
            int fused = Conv1dReluGlobalMaxLayers.Match(_layers, i);
            if (fused > 0)
            {
                x = Conv1dReluGlobalMaxLayers.Forward(layer, x);
                i += fused - 1;
            }
            else
                x = lengths is not null && layer is ISequenceLayer sequenceLayer ? sequenceLayer.Forward(x, lengths) : layer.Forward(x);
        }
        return x;
    }

    /// <summary>
    /// Keeps the shape inputs have had, as Keras' Sequential does when built by its first call: a dimension that varies
    /// between calls becomes unknown.
    /// </summary>
    private void RecordInputShape(Tensor input)
    {
        if (_inputShape is null)
        {
            _inputShape = LayerShape.Of(input);
            return;
        }
        if (_inputShape.Length != input.Rank)
        {
            _inputShape = new int?[input.Rank];
            return;
        }
        for (int d = 1; d < _inputShape.Length; d++)
            if (_inputShape[d] is int known && known != input.Dim(d)) _inputShape[d] = null;
    }
}
