using Recur.Autograd;

namespace Recur.Losses;

/// <summary>Mean squared error: <c>ℓ = mean((x − y)²)</c> (or the sum).</summary>
public sealed class MSELoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
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
        {
            float d = x[i] - y[i];
            sum += d * d;
        }
        var loss = Tensor.Scalar(sum * scale);
        // dℓ/dx = 2 (x − y) · scale
        return Tape.Record(loss, "mse_loss", [input], g =>
        {
            var dx = input.GradBuffer();
            float k = 2f * scale * g.Data[0];
            for (int i = 0; i < dx.Length; i++) dx[i] += k * (x[i] - y[i]);
        });
    }
}
