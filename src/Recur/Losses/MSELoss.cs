using Recur.Autograd;

namespace Recur.Losses;

/// <summary>Squared error <c>ℓᵢ = (xᵢ − yᵢ)²</c>, averaged (PyTorch's default), summed, or per element.</summary>
public sealed class MSELoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target)
    {
        RequireSameShape(input, target);
        var x = input.Data;
        var y = target.Data;
        float scale = Scale(x.Length);
        var losses = PerElementLosses(x.Length);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float d = x[i] - y[i];
            float l = d * d;
            sum += l;
            if (losses is not null) losses[i] = l;
        }
        // dℓᵢ/dxᵢ = 2 (xᵢ − yᵢ)
        return Tape.Record(Reduce(losses, sum, input.ShapeRef, scale), "mse_loss", [input], g =>
        {
            var dx = input.GradBuffer();
            var upstream = Upstream(g, 2f * scale);
            for (int i = 0; i < dx.Length; i++) dx[i] += upstream[i] * (x[i] - y[i]);
        });
    }
}
