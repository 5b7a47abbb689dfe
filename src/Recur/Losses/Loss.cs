namespace Recur.Losses;

/// <summary>How per-element losses are combined into the returned scalar.</summary>
public enum Reduction
{
    /// <summary>The average over elements (PyTorch's default).</summary>
    Mean,

    /// <summary>The sum over elements.</summary>
    Sum,
}

/// <summary>A loss: compares a prediction with a target and returns a scalar tensor (shape <c>[]</c>) on the tape.</summary>
public abstract class Loss(Reduction reduction)
{
    /// <summary>How per-element losses are combined.</summary>
    public Reduction Reduction { get; } = reduction;

    /// <summary>The loss of <paramref name="input"/> against <paramref name="target"/>; differentiable in <paramref name="input"/>.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>Throws unless both tensors have the same shape (no silent broadcasting).</summary>
    protected void RequireSameShape(Tensor input, Tensor target)
    {
        if (!input.Shape.AsSpan().SequenceEqual(target.Shape))
            throw new ArgumentException(
                $"{GetType().Name}: input {Tensor.ShapeText(input.Shape)} and target {Tensor.ShapeText(target.Shape)} must have the same shape.");
    }

    /// <summary>1/n for a mean over <paramref name="count"/> terms, 1 for a sum.</summary>
    protected float Scale(int count) => Reduction == Reduction.Mean ? 1f / count : 1f;
}
