namespace Recur.Losses;

/// <summary>
/// A loss: compares a prediction with a target and returns a scalar tensor (shape <c>[]</c>) on the tape, or with
/// <see cref="Reduction.None"/> the tensor of per-element losses.
/// </summary>
public abstract class Loss
{
    /// <summary>A loss that combines its per-element losses by <paramref name="reduction"/>.</summary>
    protected Loss(Reduction reduction)
    {
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"{GetType().Name}: unknown reduction.");
        Reduction = reduction;
    }

    /// <summary>How per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>The loss of <paramref name="input"/> against <paramref name="target"/>; differentiable in <paramref name="input"/>.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>Throws unless both tensors have the same shape (no silent broadcasting).</summary>
    protected void RequireSameShape(Tensor input, Tensor target)
    {
        if (!input.ShapeRef.AsSpan().SequenceEqual(target.ShapeRef))
            throw new ArgumentException(
                $"{GetType().Name}: input {Tensor.ShapeText(input.ShapeRef)} and target {Tensor.ShapeText(target.ShapeRef)} must have the same shape.");
    }

    /// <summary>1/n for a mean over <paramref name="count"/> terms, 1 for a sum or no reduction.</summary>
    protected float Scale(int count) => Reduction == Reduction.Mean ? 1f / count : 1f;

    /// <summary>A buffer for the per-element losses when the result keeps them (<see cref="Reduction.None"/>), else null.</summary>
    private protected float[]? PerElementLosses(int count) => Reduction == Reduction.None ? new float[count] : null;

    /// <summary>
    /// The result: with <see cref="Reduction.None"/> a tensor of <paramref name="shape"/> holding
    /// <paramref name="losses"/> (taken, not copied; the shape is copied), otherwise <paramref name="sum"/> (the per-element losses summed in
    /// double) times <paramref name="scale"/>.
    /// </summary>
    private protected Tensor Reduce(float[]? losses, double sum, int[] shape, float scale) =>
        losses is not null ? Tensor.FromArray(losses, (int[])shape.Clone()) : Tensor.Scalar((float)(sum * scale));

    /// <summary>
    /// The gradient arriving at each per-element loss from the result's gradient <paramref name="g"/>, times
    /// <paramref name="scale"/> (the reduction's 1/n and any constant factor of the derivative).
    /// </summary>
    private protected ElementGradient Upstream(Tensor g, float scale) =>
        Reduction == Reduction.None ? new ElementGradient(g.Data, scale) : new ElementGradient(null, g.Data[0] * scale);

    /// <summary>
    /// A tensor of constants (a weight) broadcast to <paramref name="shape"/> by PyTorch's rules; refused when it would
    /// have to grow the shape. The weight's own storage comes back when no broadcast is needed.
    /// </summary>
    private protected float[] BroadcastTo(Tensor weight, int[] shape, string argument)
    {
        var result = Broadcasting.ResultShape(weight.ShapeRef, shape, $"{GetType().Name} {argument}");
        if (!result.AsSpan().SequenceEqual(shape))
            throw new ArgumentException(
                $"{GetType().Name}: {argument} {Tensor.ShapeText(weight.ShapeRef)} broadcasts the input {Tensor.ShapeText(shape)} " +
                $"to {Tensor.ShapeText(result)}; it must broadcast to the input's shape.", argument);
        return Broadcasting.Expand(weight.Data, weight.ShapeRef, shape);
    }

    /// <summary>The gradient of the result with respect to per-element loss i: one value for all, or one each.</summary>
    private protected readonly struct ElementGradient(float[]? perElement, float shared)
    {
        public float this[int i] => perElement is null ? shared : perElement[i] * shared;

        /// <summary>The result's gradient per element (Reduction.None), or null when one value serves all.</summary>
        public float[]? PerElement => perElement;

        /// <summary>The factor every element's gradient is multiplied by (the whole gradient when <see cref="PerElement"/> is null).</summary>
        public float Shared => shared;
    }
}
