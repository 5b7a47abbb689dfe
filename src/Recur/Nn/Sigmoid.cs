namespace Recur.Nn;

/// <summary>Logistic sigmoid σ(x) = 1/(1 + e^−x), elementwise.</summary>
public sealed class Sigmoid : Layer
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Sigmoid();

    /// <summary>The input's shape.</summary>
    public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;
}
