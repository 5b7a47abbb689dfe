using Recur.Autograd;

namespace Recur.Losses;

/// <summary>
/// Binary cross-entropy on probabilities: <c>ℓᵢ = −wᵢ·[yᵢ·log xᵢ + (1−yᵢ)·log(1−xᵢ)]</c>, each log clamped at −100 as
/// PyTorch does so that x = 0 or 1 gives a finite loss. Inputs must lie in [0, 1].
/// </summary>
/// <param name="reduction">How the per-element losses are combined; <see cref="Reduction.Mean"/> divides by the number of
/// elements, weighted or not (PyTorch's <c>BCELoss</c>).</param>
/// <param name="weight">Optional rescaling of each element's loss, broadcast to the input's shape by PyTorch's rules (e.g.
/// <c>[C]</c> against inputs <c>[N, C]</c>, or <c>[N, 1]</c> for one weight per sample); constants, never differentiated.</param>
public sealed class BCELoss(Reduction reduction = Reduction.Mean, Tensor? weight = null) : Loss(reduction)
{
    // PyTorch's lower bound on (1 − x)·x in the gradient's denominator.
    private const float Epsilon = 1e-12f;

    /// <summary>The per-element rescaling weight, or null.</summary>
    public Tensor? Weight { get; } = weight;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target)
    {
        RequireSameShape(input, target);
        var x = input.Data;
        var y = target.Data;
        for (int i = 0; i < x.Length; i++)
            if (!(x[i] >= 0f && x[i] <= 1f))
                throw new ArgumentOutOfRangeException(nameof(input),
                    $"BCELoss: input element {i} is {x[i]}, but probabilities must lie in [0, 1] (use BCEWithLogitsLoss for logits).");
        var w = Weight is null ? null : BroadcastTo(Weight, input.ShapeRef, "weight");
        float scale = Scale(x.Length);
        var losses = PerElementLosses(x.Length);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float logX = MathF.Max(MathF.Log(x[i]), -100f);
            float log1mX = MathF.Max(MathF.Log(1f - x[i]), -100f);
            float l = -(y[i] * logX + (1f - y[i]) * log1mX);
            if (w is not null) l *= w[i];
            sum += l;
            if (losses is not null) losses[i] = l;
        }
        // dℓᵢ/dxᵢ = wᵢ·(xᵢ − yᵢ) / ((1 − xᵢ)·xᵢ), the denominator kept ≥ ε
        return Tape.Record(Reduce(losses, sum, input.ShapeRef, scale), "bce_loss", [input], g =>
        {
            var dx = input.GradBuffer();
            var upstream = Upstream(g, scale);
            for (int i = 0; i < dx.Length; i++)
            {
                float d = (x[i] - y[i]) / MathF.Max((1f - x[i]) * x[i], Epsilon);
                dx[i] += upstream[i] * (w is null ? d : w[i] * d);
            }
        });
    }
}
