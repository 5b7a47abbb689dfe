namespace Recur.Kernels;

/// <summary>The constants of one SGD update (<see cref="Optim.SGD"/> passes its settings and the learning rate).</summary>
internal readonly record struct SgdConstants(float LearningRate, float Momentum, float Dampening, float WeightDecay, bool Nesterov);

/// <summary>
/// SGD's elementwise update over whole vectors, PyTorch's rule:
/// <c>g = ∇ + λ·p;  b = μ·b + (1−τ)·g (b = g on the first step);  g = g + μ·b (Nesterov) or b;  p −= η·g</c>.
/// Every lane does the same IEEE operations in the same order as the scalar loop it replaced (no fused multiply-adds),
/// so the vector paths give the scalar path's results bit for bit; the ragged end is a masked vector.
/// </summary>
internal static unsafe class SgdKernel
{
    /// <summary>
    /// Updates <paramref name="p"/> in place from <paramref name="grad"/>; with momentum, <paramref name="buffer"/> holds
    /// the momentum and <paramref name="firstStep"/> says it has none yet (it then becomes the gradient).
    /// </summary>
    public static void Update(Span<float> p, ReadOnlySpan<float> grad, Span<float> buffer, bool firstStep, in SgdConstants c)
    {
        if (grad.Length != p.Length || (c.Momentum != 0f && buffer.Length != p.Length))
            throw new ArgumentException("SgdKernel.Update: parameter, gradient and momentum buffer differ in length.");
        Update(FloatVector.BestPath, p, grad, buffer, firstStep, c);
    }

    /// <summary>As <see cref="Update(Span{float}, ReadOnlySpan{float}, Span{float}, bool, in SgdConstants)"/> on a chosen path (tests compare them).</summary>
    internal static void Update(FloatVectorPath path, Span<float> p, ReadOnlySpan<float> grad, Span<float> buffer, bool firstStep, in SgdConstants c)
    {
        fixed (float* pp = p, gp = grad, bp = buffer)
        {
            switch (path)
            {
                case FloatVectorPath.Lanes16: Run<Float16Lanes>(pp, gp, bp, p.Length, firstStep, c); break;
                case FloatVectorPath.Lanes8: Run<Float8Lanes>(pp, gp, bp, p.Length, firstStep, c); break;
                default: Run<Float1Lane>(pp, gp, bp, p.Length, firstStep, c); break;
            }
        }
    }

    private static void Run<TV>(float* p, float* grad, float* buffer, int length, bool firstStep, in SgdConstants c) where TV : struct, IFloatVector<TV>
    {
        var lr = TV.Splat(c.LearningRate);
        // PyTorch adds λ·p only when λ ≠ 0; adding 0·p would also turn the gradient of an infinite parameter into NaN.
        var weightDecay = TV.Splat(c.WeightDecay);
        bool decay = c.WeightDecay != 0f;
        if (c.Momentum == 0f)
        {
            for (int i = 0; i < length; i += TV.Count)
            {
                int n = length - i;
                var pi = TV.Load(p + i, n);
                var g = TV.Load(grad + i, n);
                if (decay) g += weightDecay * pi;
                TV.Store(p + i, pi - lr * g, n);
            }
            return;
        }
        var momentum = TV.Splat(c.Momentum);
        var keep = TV.Splat(1f - c.Dampening);
        for (int i = 0; i < length; i += TV.Count)
        {
            int n = length - i;
            var pi = TV.Load(p + i, n);
            var g = TV.Load(grad + i, n);
            if (decay) g += weightDecay * pi;
            var b = firstStep ? g : momentum * TV.Load(buffer + i, n) + keep * g;
            TV.Store(buffer + i, b, n);
            g = c.Nesterov ? g + momentum * b : b;
            TV.Store(p + i, pi - lr * g, n);
        }
    }
}
