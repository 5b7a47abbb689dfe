namespace Recur.Nn;

/// <summary>Logistic sigmoid σ(x) = 1/(1 + e^−x), elementwise.</summary>
public sealed class Sigmoid : Layer
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Sigmoid();

    /// <summary>The input's shape.</summary>
    public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;
}

/// <summary>Hyperbolic tangent, elementwise.</summary>
public sealed class Tanh : Layer
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Tanh();

    /// <summary>The input's shape.</summary>
    public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;
}

/// <summary>Rectified linear unit max(x, 0), elementwise.</summary>
public sealed class ReLU : Layer
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Relu();

    /// <summary>The input's shape.</summary>
    public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;
}

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

/// <summary>Flattens every dimension after the first: <c>[B, …] → [B, ∏…]</c>.</summary>
public sealed class Flatten : Layer
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank == 0)
            throw new ArgumentException("Flatten needs a tensor with a batch dimension but got a scalar.");
        return input.Reshape(input.Dim(0), -1);
    }

    /// <summary><c>(batch, d1, d2, …)</c> gives <c>(batch, d1·d2·…)</c>, unknown when any of them is.</summary>
    /// <exception cref="ArgumentException">The shape has no batch dimension.</exception>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0)
            throw new ArgumentException("Flatten needs a shape with a batch dimension but got ().", nameof(inputShape));
        int? size = 1;
        for (int d = 1; d < inputShape.Length; d++) size *= inputShape[d];
        return [inputShape[0], size];
    }
}
