namespace Recur.Nn;

/// <summary>Rectified linear unit max(x, 0), elementwise.</summary>
public sealed class ReLU : Layer
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Relu();

    /// <summary>The input's shape.</summary>
    public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;
}
