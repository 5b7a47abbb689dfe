using System.Runtime.CompilerServices;
namespace Recur.Kernels;

/// <summary>The constants of one Adam update of one parameter (<see cref="Optim.Adam"/> computes them per step).</summary>
internal readonly record struct AdamConstants(float Beta1, float Beta2, float Eps, float WeightDecay, float StepSize, float SqrtBiasCorrection2);

/// <summary>
/// Adam's elementwise update over whole vectors:
/// <c>g = ∇ + λ·p;  m = β₁·m + (1−β₁)·g;  v = β₂·v + (1−β₂)·g·g;  p −= stepSize · m / (√v / √(1−β₂ᵗ) + ε)</c>.
/// Every lane does the same IEEE operations in the same order as the scalar loop (no fused multiply-adds), so the
/// vector paths give the scalar path's results bit for bit; the ragged end is a masked vector, not a scalar tail.
/// </summary>
internal static unsafe class AdamKernel
{
    /// <summary>From this many elements an update is split over <see cref="KernelThreads.Max"/> threads (an embedding table).</summary>
    internal const int ParallelThreshold = 1 << 16;

    /// <summary>
    /// Updates <paramref name="p"/>, <paramref name="m"/> and <paramref name="v"/> in place from <paramref name="grad"/>.
    /// A large parameter is cut into ranges of whole 64-byte lines, one per thread: every element gets the same operations
    /// whichever range it falls in, so the result is the same bits for any thread count.
    /// </summary>
    public static void Update(Span<float> p, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, in AdamConstants c)
    {
        if (grad.Length != p.Length || m.Length != p.Length || v.Length != p.Length)
            throw new ArgumentException("AdamKernel.Update: parameter, gradient and moments differ in length.");
        int parts = p.Length >= ParallelThreshold ? KernelThreads.Usable : 1;
        if (parts <= 1)
        {
            Update(FloatVector.BestPath, p, grad, m, v, c);
            return;
        }
        fixed (float* pp = p, gp = grad, mp = m, vp = v)
        {
            var job = new Job { P = pp, Grad = gp, M = mp, V = vp, Length = p.Length, Parts = parts, Constants = c };
            KernelWorkers.Run(parts, parts, large: true, &RunPart, &job);
        }
    }

    private struct Job
    {
        public float* P, Grad, M, V;
        public int Length, Parts;
        public AdamConstants Constants;
    }

    private static void RunPart(int part, void* state)
    {
        ref readonly Job job = ref *(Job*)state;
        var (start, end) = KernelWorkers.PartRange(job.Length, 16, part, job.Parts);
        if (start >= end) return;
        int count = end - start;
        Update(FloatVector.BestPath, new Span<float>(job.P + start, count), new ReadOnlySpan<float>(job.Grad + start, count),
            new Span<float>(job.M + start, count), new Span<float>(job.V + start, count), job.Constants);
    }

    /// <summary>As <see cref="Update(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, in AdamConstants)"/> on a chosen path (tests compare them).</summary>
    internal static void Update(FloatVectorPath path, Span<float> p, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, in AdamConstants c)
    {
        fixed (float* pp = p, gp = grad, mp = m, vp = v)
            FloatVector.Dispatch(path, new StepKernel(pp, gp, mp, vp, p.Length, c));
    }

    // The arguments as fields; Run passes them to the static method, so its loop sees them in registers.
    private readonly struct StepKernel(float* p, float* grad, float* m, float* v, int length, AdamConstants c) : IFloatVectorKernel
    {
        public void Run<TV>() where TV : struct, IFloatVector<TV> => AdamKernel.Run<TV>(p, grad, m, v, length, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TV>(float* p, float* grad, float* m, float* v, int length, in AdamConstants c) where TV : struct, IFloatVector<TV>
    {
        var beta1 = TV.Splat(c.Beta1);
        var beta2 = TV.Splat(c.Beta2);
        var oneMinusBeta1 = TV.Splat(1f - c.Beta1);
        var oneMinusBeta2 = TV.Splat(1f - c.Beta2);
        var eps = TV.Splat(c.Eps);
        var weightDecay = TV.Splat(c.WeightDecay);
        var stepSize = TV.Splat(c.StepSize);
        var sqrtBiasCorrection2 = TV.Splat(c.SqrtBiasCorrection2);
        // PyTorch adds λ·p only when λ ≠ 0; adding 0·p would also turn the gradient of an infinite parameter into NaN.
        bool decay = c.WeightDecay != 0f;
        // A short first vector up to p's first vector-aligned element, so that the stores of p after it never straddle two
        // cache lines (a misaligned 1.28 M-float table on one thread, warm, with the λ test above: 0.49 → 0.36 ms). Every
        // lane does the same operations wherever the vectors start, so the results do not change.
        int misalignment = (int)((nint)p / sizeof(float) % TV.Count);   // floats past the last vector boundary
        int head = misalignment == 0 ? 0 : TV.Count - misalignment;
        int i = 0, n = head > 0 ? Math.Min(head, length) : length;   // n: the elements left, or the head's length
        while (i < length)
        {
            var pi = TV.Load(p + i, n);
            var g = TV.Load(grad + i, n);
            if (decay) g += weightDecay * pi;
            var mi = beta1 * TV.Load(m + i, n) + oneMinusBeta1 * g;
            var vi = beta2 * TV.Load(v + i, n) + oneMinusBeta2 * g * g;
            var denominator = TV.Sqrt(vi) / sqrtBiasCorrection2 + eps;
            TV.Store(m + i, mi, n);
            TV.Store(v + i, vi, n);
            TV.Store(p + i, pi - stepSize * (mi / denominator), n);
            i += Math.Min(n, TV.Count);
            n = length - i;
        }
    }
}
