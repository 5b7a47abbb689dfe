using System.Numerics.Tensors;
using Recur.Kernels;

namespace Recur.Optim;

/// <summary>Gradient clipping, as PyTorch's <c>clip_grad_norm_</c>.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients together so that their joint 2-norm is at most <paramref name="maxNorm"/>
    /// (by <c>maxNorm / (norm + 1e-6)</c> when the norm exceeds it). Returns the norm before clipping, summed in double.
    /// </summary>
    public static float ClipGradNorm(IEnumerable<Tensor> parameters, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0f))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "ClipGradNorm: maxNorm must be positive.");
        // A training loop passes the optimizer's list; walking it twice spares a copy per step.
        var list = parameters as IReadOnlyList<Tensor> ?? parameters.ToArray();
        double sumOfSquares = 0;
        for (int i = 0; i < list.Count; i++)
            if (list[i].Grad is { } g) sumOfSquares += SquaredSum.Of(g.Span);
        float norm = (float)Math.Sqrt(sumOfSquares);
        float coefficient = maxNorm / (norm + 1e-6f);
        if (coefficient < 1f)
            for (int i = 0; i < list.Count; i++)
                if (list[i].Grad is { } g) TensorPrimitives.Multiply(g.Span, coefficient, g.Span);
        return norm;
    }
}
