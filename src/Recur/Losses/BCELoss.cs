using Recur.Autograd;

namespace Recur.Losses;

/// <summary>
/// Binary cross-entropy on probabilities: <c>ℓ = −[y·log x + (1−y)·log(1−x)]</c>, each log clamped at −100 as
/// PyTorch does so that x = 0 or 1 gives a finite loss. Inputs must lie in [0, 1].
/// </summary>
public sealed class BCELoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    // PyTorch's lower bound on (1 − x)·x in the gradient's denominator.
    private const float Epsilon = 1e-12f;

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
        float scale = Scale(x.Length);
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            float logX = MathF.Max(MathF.Log(x[i]), -100f);
            float log1mX = MathF.Max(MathF.Log(1f - x[i]), -100f);
            sum += -(y[i] * logX + (1f - y[i]) * log1mX);
        }
        var loss = Tensor.Scalar(sum * scale);
        // dℓ/dx = (x − y) / ((1 − x)·x), the denominator kept ≥ ε
        return Tape.Record(loss, "bce_loss", [input], g =>
        {
            var dx = input.GradBuffer();
            float k = scale * g.Data[0];
            for (int i = 0; i < dx.Length; i++)
                dx[i] += k * (x[i] - y[i]) / MathF.Max((1f - x[i]) * x[i], Epsilon);
        });
    }
}
