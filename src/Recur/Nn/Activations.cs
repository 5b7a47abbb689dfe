namespace Recur.Nn;

/// <summary>Logistic sigmoid σ(x) = 1/(1 + e^−x), elementwise.</summary>
public sealed class Sigmoid : Layer
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}

/// <summary>Hyperbolic tangent, elementwise.</summary>
public sealed class Tanh : Layer
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Tanh();
}

/// <summary>Rectified linear unit max(x, 0), elementwise.</summary>
public sealed class ReLU : Layer
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Relu();
}

/// <summary>Softmax along <see cref="Axis"/>.</summary>
public sealed class Softmax(int axis = -1) : Layer
{
    /// <summary>The axis normalised over.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Softmax(Axis);
}

/// <summary>Log-softmax along <see cref="Axis"/>.</summary>
public sealed class LogSoftmax(int axis = -1) : Layer
{
    /// <summary>The axis normalised over.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.LogSoftmax(Axis);
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
}
