namespace Recur.Nn;

/// <summary>A module with one input and one output, so it can be stacked in a <see cref="Sequential"/>.</summary>
public abstract class Layer : Module
{
    /// <summary>Computes the layer's output for <paramref name="input"/>.</summary>
    public abstract Tensor Forward(Tensor input);
}
