using System.Numerics.Tensors;
using Recur.Autograd;

namespace Recur.Losses;

/// <summary>
/// Cross-entropy of logits against class indices, as PyTorch's <c>CrossEntropyLoss</c>: logits <c>[N, C]</c> with
/// targets <c>[N]</c>, or logits <c>[N, C, d₁, …, dₖ]</c> (classes on axis 1, e.g. <c>[N, C, T]</c> for a sequence)
/// with targets <c>[N, d₁, …, dₖ]</c>. For each target position r with class t:
/// <c>ℓᵣ = (1 − ε)·w_t·(log Σⱼ e^{xⱼ} − x_t) + (ε / C)·Σⱼ wⱼ·(log Σᵢ e^{xᵢ} − xⱼ)</c>,
/// computed with the maximum subtracted so large logits do not overflow (ε is the label smoothing, w the class weights,
/// 1 without them). A position whose target is <see cref="IgnoreIndex"/> costs nothing and gets no gradient.
/// </summary>
/// <remarks>
/// <see cref="Reduction.Mean"/> is PyTorch's weighted mean: the sum over positions divided by <c>Σᵣ w_{tᵣ}</c> over the
/// positions not ignored (their count without weights). When every position is ignored that is 0 / 0, NaN, as in
/// PyTorch. <see cref="Reduction.None"/> gives a tensor shaped like the targets, 0 at ignored positions.
/// </remarks>
public sealed partial class CrossEntropyLoss : Loss
{
    /// <summary>The loss with the options of PyTorch's <c>CrossEntropyLoss</c>.</summary>
    /// <param name="reduction">How the per-position losses are combined.</param>
    /// <param name="weight">Optional weight of each class <c>[C]</c> (e.g. <see cref="ClassWeights.Balanced(ReadOnlySpan{int}, int)"/>
    /// for imbalanced data); constants, never differentiated.</param>
    /// <param name="ignoreIndex">A target value that marks a position to leave out (padding), -100 as in PyTorch.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the target distribution becomes (1 − ε)·one-hot + ε / C.</param>
    public CrossEntropyLoss(Reduction reduction = Reduction.Mean, Tensor? weight = null, int ignoreIndex = -100, float labelSmoothing = 0f)
        : base(reduction)
    {
        if (weight is not null && weight.Rank != 1)
            throw new ArgumentException($"CrossEntropyLoss: weight must be one value per class [C] but has shape {Tensor.ShapeText(weight.ShapeRef)}.", nameof(weight));
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "CrossEntropyLoss: labelSmoothing must lie in [0, 1].");
        Weight = weight;
        IgnoreIndex = ignoreIndex;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>The weight of each class, or null (all 1).</summary>
    public Tensor? Weight { get; }

    /// <summary>The target value whose positions are left out.</summary>
    public int IgnoreIndex { get; }

    /// <summary>The label smoothing ε.</summary>
    public float LabelSmoothing { get; }

    /// <summary>The loss with targets given as a tensor <c>[N, d₁, …]</c> of class indices stored as floats.</summary>
    public override Tensor Forward(Tensor input, Tensor target)
    {
        RequireLogits(input);
        var shape = input.ShapeRef;
        bool matches = target.Rank == shape.Length - 1 && target.ShapeRef[0] == shape[0];
        for (int d = 2; matches && d < shape.Length; d++) matches = target.ShapeRef[d - 1] == shape[d];
        if (!matches)
            throw new ArgumentException(
                $"CrossEntropyLoss: logits {Tensor.ShapeText(shape)} need targets {Tensor.ShapeText(TargetShape(shape))} of class indices but got {Tensor.ShapeText(target.ShapeRef)}.");
        var values = target.Data;
        var ids = new int[values.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = ClassIndex.Read(values[i], i, "CrossEntropyLoss", "target");
        return Forward(input, ids, ids);
    }

    /// <summary>
    /// The loss with targets given as class indices, one per position of <c>[N, d₁, …]</c> in row-major order
    /// (<c>N</c> of them for logits <c>[N, C]</c>).
    /// </summary>
    public Tensor Forward(Tensor input, ReadOnlySpan<int> targets)
    {
        RequireLogits(input);
        return Forward(input, targets, null);
    }

    private Tensor Forward(Tensor input, ReadOnlySpan<int> targets, int[]? owned)
    {
        var shape = input.ShapeRef;
        int n = shape[0], classes = shape[1], inner = input.Size / Math.Max(1, n * classes);
        int positions = n * inner;
        if (targets.Length != positions)
            throw new ArgumentException(
                $"CrossEntropyLoss: logits {Tensor.ShapeText(shape)} need {positions} targets (one per position of {Tensor.ShapeText(TargetShape(shape))}) but got {targets.Length}.");
        if (positions == 0) throw new ArgumentException($"CrossEntropyLoss: the batch is empty (logits {Tensor.ShapeText(shape)}).");
        for (int i = 0; i < positions; i++)
            if ((uint)targets[i] >= (uint)classes && targets[i] != IgnoreIndex)
                throw new ArgumentOutOfRangeException(nameof(targets),
                    $"CrossEntropyLoss: target {i} is {targets[i]}, outside the {classes} classes [0, {classes}) and not the ignore index {IgnoreIndex}.");
        var weight = ClassWeightsFor(classes);
        var t = owned ?? targets.ToArray();

        var layout = new Layout(n, classes, inner, weight, IgnoreIndex, LabelSmoothing);
        var rowMax = new float[positions];
        var logSum = new float[positions];
        var losses = new float[positions];
        if (inner == 1 && LabelSmoothing == 0f) CrossEntropyRows.Forward(new(input.Data, t, classes, weight, IgnoreIndex), rowMax, logSum, losses);
        else if (inner == 1) ForwardRows(input.Data, t, layout, rowMax, logSum, losses);
        else ForwardPlanes(input.Data, t, layout, rowMax, logSum, losses);

        double sum = 0, denominator = 0;
        for (int r = 0; r < positions; r++)
        {
            if (t[r] == IgnoreIndex) continue;
            sum += losses[r];
            denominator += weight is null ? 1f : weight[t[r]];
        }
        // Mean divides by the total weight of the positions that count; 1/0 = ∞ makes an all-ignored batch NaN as in PyTorch.
        float scale = Reduction == Reduction.Mean ? (float)(1.0 / denominator) : 1f;
        var result = Reduce(Reduction == Reduction.None ? losses : null, sum, TargetShape(shape), scale);
        return Tape.Record(result, "cross_entropy_loss", [input], g =>
        {
            var upstream = Upstream(g, scale);
            if (inner == 1 && LabelSmoothing == 0f)
            {
                var dx = input.GradBufferToFill(out bool accumulate);
                CrossEntropyRows.Backward(new(input.Data, t, classes, weight, IgnoreIndex), rowMax, logSum, upstream.PerElement, upstream.Shared, dx, accumulate);
            }
            else if (inner == 1) BackwardRows(input.Data, t, layout, rowMax, logSum, upstream, input.GradBuffer());
            else BackwardPlanes(input.Data, t, layout, rowMax, logSum, upstream, input.GradBuffer());
        });
    }

    /// <summary>The sizes and options one call works with; the class weights are null when all are 1.</summary>
    private readonly struct Layout(int n, int classes, int inner, float[]? weight, int ignoreIndex, float smoothing)
    {
        public int N { get; } = n;
        public int Classes { get; } = classes;

        /// <summary>Positions per sample and the stride of the class axis: d₁·…·dₖ, 1 for logits [N, C].</summary>
        public int Inner { get; } = inner;

        public float[]? Weight { get; } = weight;
        public int IgnoreIndex { get; } = ignoreIndex;
        public float Smoothing { get; } = smoothing;

        /// <summary>W = Σⱼ wⱼ, the weight of the uniform part of a smoothed target.</summary>
        public float WeightSum { get; } = weight is null ? classes : TensorPrimitives.Sum(weight);

        public float ClassWeight(int c) => Weight is null ? 1f : Weight[c];
    }

    // One position's loss from its log-sum-exp parts: logSum = log Σⱼ e^{xⱼ − max}, shifted = x_t − max and
    // shiftedWeighted = Σⱼ wⱼ·(xⱼ − max) (only with smoothing):
    // (1 − ε)·w_t·(logSum − shifted) + (ε / C)·(W·logSum − shiftedWeighted).
    private static float PositionLoss(in Layout layout, int target, float logSum, float shifted, float weightSum, float shiftedWeighted)
    {
        float nll = layout.ClassWeight(target) * (logSum - shifted);
        if (layout.Smoothing == 0f) return nll;
        return (1f - layout.Smoothing) * nll + layout.Smoothing / layout.Classes * (weightSum * logSum - shiftedWeighted);
    }

    /// <summary>
    /// dℓᵣ/dxⱼ = pⱼ·[(1 − ε)·w_t + ε·W / C] − (1 − ε)·w_t·[j = t] − (ε / C)·wⱼ, with p = softmax(x): the factors of p
    /// (<paramref name="softmaxFactor"/>), of the one-hot target (<paramref name="targetFactor"/>) and of w (<paramref name="weightFactor"/>),
    /// each times the upstream gradient <paramref name="upstream"/>.
    /// </summary>
    private static void GradientFactors(in Layout layout, int target, float upstream, float weightSum,
        out float softmaxFactor, out float targetFactor, out float weightFactor)
    {
        float wt = layout.ClassWeight(target);
        float eps = layout.Smoothing;
        targetFactor = upstream * (1f - eps) * wt;
        weightFactor = upstream * eps / layout.Classes;
        softmaxFactor = targetFactor + weightFactor * weightSum;
    }

    private void RequireLogits(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2)
            throw new ArgumentException($"CrossEntropyLoss expects logits [N, C] or [N, C, d1, …] but got {Tensor.ShapeText(input.ShapeRef)}.");
        if (input.ShapeRef[1] == 0)
            throw new ArgumentException($"CrossEntropyLoss: logits {Tensor.ShapeText(input.ShapeRef)} have no classes.");
    }

    private float[]? ClassWeightsFor(int classes)
    {
        if (Weight is null) return null;
        if (Weight.Size != classes)
            throw new ArgumentException($"CrossEntropyLoss: weight has {Weight.Size} values but the logits have {classes} classes.");
        return Weight.Data;
    }

    /// <summary>The logits' shape without the class axis: the targets' shape.</summary>
    private static int[] TargetShape(int[] logits)
    {
        var shape = new int[logits.Length - 1];
        shape[0] = logits[0];
        for (int d = 2; d < logits.Length; d++) shape[d - 1] = logits[d];
        return shape;
    }
}
