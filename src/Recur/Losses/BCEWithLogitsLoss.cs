using Recur.Autograd;

namespace Recur.Losses;

/// <summary>
/// Binary cross-entropy on logits, fused with the sigmoid (PyTorch's <c>BCEWithLogitsLoss</c>):
/// <c>ℓᵢ = wᵢ·[(1 − yᵢ)·xᵢ + (1 + (pᵢ − 1)·yᵢ)·softplus(−xᵢ)]</c>, which equals
/// <c>−wᵢ·[pᵢ·yᵢ·log σ(xᵢ) + (1 − yᵢ)·log(1 − σ(xᵢ))]</c> without overflow for large |x|; p is the positive weight
/// (1 without one) and <c>softplus(−x) = max(−x, 0) + log(1 + e^−|x|)</c>.
/// </summary>
/// <param name="reduction">How the per-element losses are combined; <see cref="Reduction.Mean"/> divides by the number of
/// elements, weighted or not (as PyTorch).</param>
/// <param name="weight">Optional rescaling of each element's loss, broadcast to the input's shape by PyTorch's rules.</param>
/// <param name="posWeight">
/// Optional weight of the positive term (PyTorch's <c>pos_weight</c>), broadcast to the input's shape: one value per
/// class <c>[C]</c> against inputs <c>[N, C]</c>, or a single value (<c>Tensor.Scalar(3f)</c>). For a class with P
/// positives and N negatives, N / P weighs both sides equally (<see cref="ClassWeights.PositiveWeights(Tensor)"/>).
/// </param>
/// <remarks>The weights are constants: they are read at each call and never differentiated.</remarks>
public sealed class BCEWithLogitsLoss(Reduction reduction = Reduction.Mean, Tensor? weight = null, Tensor? posWeight = null)
    : Loss(reduction)
{
    /// <summary>The per-element rescaling weight, or null.</summary>
    public Tensor? Weight { get; } = weight;

    /// <summary>The weight of the positive term, or null (weight 1).</summary>
    public Tensor? PosWeight { get; } = posWeight;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target)
    {
        RequireSameShape(input, target);
        var x = input.Data;
        var y = target.Data;
        var w = Weight is null ? null : BroadcastTo(Weight, input.ShapeRef, "weight");
        var p = PosWeight is null ? null : BroadcastTo(PosWeight, input.ShapeRef, "posWeight");
        float scale = Scale(x.Length);
        var losses = PerElementLosses(x.Length);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float softplusMinusX = MathF.Max(-x[i], 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x[i])));
            float logWeight = p is null ? 1f : 1f + (p[i] - 1f) * y[i];
            float l = (1f - y[i]) * x[i] + logWeight * softplusMinusX;
            if (w is not null) l *= w[i];
            sum += l;
            if (losses is not null) losses[i] = l;
        }
        // dℓᵢ/dxᵢ = wᵢ·[(1 + (pᵢ − 1)·yᵢ)·σ(xᵢ) − pᵢ·yᵢ], which is wᵢ·(σ(xᵢ) − yᵢ) for p = 1
        return Tape.Record(Reduce(losses, sum, input.ShapeRef, scale), "bce_with_logits_loss", [input], g =>
        {
            var dx = input.GradBuffer();
            var upstream = Upstream(g, scale);
            for (int i = 0; i < dx.Length; i++)
            {
                float sigmoid = 1f / (1f + MathF.Exp(-x[i]));
                float d = p is null ? sigmoid - y[i] : (1f + (p[i] - 1f) * y[i]) * sigmoid - p[i] * y[i];
                dx[i] += upstream[i] * (w is null ? d : w[i] * d);
            }
        });
    }
}
