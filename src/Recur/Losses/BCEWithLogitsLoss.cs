using Recur.Autograd;

namespace Recur.Losses;

/// <summary>
/// Binary cross-entropy on logits, fused with the sigmoid: <c>ℓ = max(x, 0) − x·y + log(1 + e^−|x|)</c>, which
/// equals <c>−[y·log σ(x) + (1−y)·log(1−σ(x))]</c> without overflow for large |x|.
/// </summary>
public sealed class BCEWithLogitsLoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target)
    {
        RequireSameShape(input, target);
        var x = input.Data;
        var y = target.Data;
        float scale = Scale(x.Length);
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
            sum += MathF.Max(x[i], 0f) - x[i] * y[i] + MathF.Log(1f + MathF.Exp(-MathF.Abs(x[i])));
        var loss = Tensor.Scalar(sum * scale);
        // dℓ/dx = σ(x) − y
        return Tape.Record(loss, "bce_with_logits_loss", [input], g =>
        {
            var dx = input.GradBuffer();
            float k = scale * g.Data[0];
            for (int i = 0; i < dx.Length; i++)
                dx[i] += k * (1f / (1f + MathF.Exp(-x[i])) - y[i]);
        });
    }
}
