namespace Recur.Optim;

/// <summary>Gradient clipping, as PyTorch's <c>clip_grad_norm_</c>.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients together so that their joint 2-norm is at most <paramref name="maxNorm"/>
    /// (by <c>maxNorm / (norm + 1e-6)</c> when the norm exceeds it). Returns the norm before clipping.
    /// </summary>
    public static float ClipGradNorm(IEnumerable<Tensor> parameters, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0f))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "ClipGradNorm: maxNorm must be positive.");
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        double sumOfSquares = 0;
        foreach (var g in grads)
            foreach (float v in g.Span) sumOfSquares += (double)v * v;
        float norm = (float)Math.Sqrt(sumOfSquares);
        float coefficient = maxNorm / (norm + 1e-6f);
        if (coefficient < 1f)
            foreach (var g in grads)
                System.Numerics.Tensors.TensorPrimitives.Multiply(g.Span, coefficient, g.Span);
        return norm;
    }
}
