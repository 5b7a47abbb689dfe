namespace Recur.Nn;

/// <summary>A module with one input and one output, so it can be stacked in a <see cref="Sequential"/>.</summary>
public abstract class Layer : Module
{
    /// <summary>Computes the layer's output for <paramref name="input"/>.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>
    /// The output shape for an input of shape <paramref name="inputShape"/>, without running the layer (Keras'
    /// <c>compute_output_shape</c>). Shapes are batch first, with null for a dimension that is not known until data
    /// arrives (Keras' <c>None</c>; see <see cref="LayerShape"/>). Null when the layer cannot tell without running.
    /// </summary>
    /// <exception cref="ArgumentException">The layer cannot take an input of that shape.</exception>
    public virtual int?[]? ComputeOutputShape(int?[] inputShape) => null;

    /// <summary>
    /// The input shape this layer declares before it sees data (batch first, null where unknown): e.g.
    /// <c>(None, 60)</c> for an <see cref="Embedding"/> with an input length of 60, <c>(None, 4)</c> for a
    /// <c>Linear(4, …)</c>. Null when it declares none. A model's summary starts from its first layer's.
    /// </summary>
    public virtual int?[]? DeclaredInputShape => null;
}
