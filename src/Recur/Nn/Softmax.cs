namespace Recur.Nn;

/// <summary>Softmax along <see cref="Axis"/>.</summary>
public sealed class Softmax(int axis = -1) : Layer
{
    /// <summary>The axis normalised over.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Softmax(Axis);

    /// <summary>The input's shape.</summary>
    public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;
}
