namespace Recur.Nn;

/// <summary>Log-softmax along <see cref="Axis"/>.</summary>
public sealed class LogSoftmax(int axis = -1) : Layer
{
    /// <summary>The axis normalised over.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.LogSoftmax(Axis);

    /// <summary>The input's shape.</summary>
    public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;
}
