namespace Recur.Nn;

/// <summary>Layers applied one after another; they are named "0", "1", … as in PyTorch's <c>nn.Sequential</c>.</summary>
public sealed class Sequential : Layer, ISequenceLayer
{
    private readonly List<Layer> _layers = [];

    /// <summary>Creates the stack from <paramref name="layers"/>.</summary>
    public Sequential(params Layer[] layers)
    {
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Appends <paramref name="layer"/>; returns this stack.</summary>
    public Sequential Add(Layer layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>Runs the layers; <paramref name="lengths"/> reach every layer that takes them (the recurrent ones).</summary>
    public Tensor Forward(Tensor input, SequenceLengths? lengths)
    {
        var x = input;
        foreach (var layer in _layers)
            x = lengths is not null && layer is ISequenceLayer sequenceLayer ? sequenceLayer.Forward(x, lengths) : layer.Forward(x);
        return x;
    }
}
