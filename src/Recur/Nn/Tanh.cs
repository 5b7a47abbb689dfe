namespace Recur.Nn;

/// <summary>Hyperbolic tangent, elementwise.</summary>
public sealed class Tanh : Layer
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Tanh();

    /// <summary>The input's shape.</summary>
    public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;
}
