namespace Recur.Nn;

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
