using Recur.Kernels;

namespace Recur.Losses;

/// <summary>
/// Cross-entropy over rows of logits <c>[N, C]</c> without label smoothing: a language model's output, N = T·B positions
/// over a whole vocabulary (C = 10,001 for Penn Treebank). Per row the forward pass reads the row twice, for its maximum
/// m and then for S = Σⱼ e^{xⱼ − m}, writing nothing; backward reads it once more and writes the gradient
/// <c>dxⱼ = u·w_t·(e^{xⱼ − (m + log S)} − [j = t])</c>, which may overwrite the logits themselves. So the softmax is never
/// stored, and a fresh gradient buffer is neither cleared first nor read back. Rows are independent: a large call splits
/// them between threads, and every row gets the same bits whatever the split.
/// </summary>
internal static unsafe class CrossEntropyRows
{
    /// <summary>From this many logits (about 50 µs of work) a call splits its rows between threads.</summary>
    internal const long ParallelLogits = 1L << 18;

    /// <summary>The rows, their targets and class weights (null: all 1), and the ignored target value.</summary>
    public readonly ref struct Rows(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets, int classes, ReadOnlySpan<float> weight, int ignoreIndex)
    {
        public ReadOnlySpan<float> Logits { get; } = logits;
        public ReadOnlySpan<int> Targets { get; } = targets;
        public int Classes { get; } = classes;
        public ReadOnlySpan<float> Weight { get; } = weight;
        public int IgnoreIndex { get; } = ignoreIndex;
    }

    private struct Job
    {
        public float* X;
        public int* Targets;
        public float* RowMax;
        public float* LogSum;
        public float* Losses;
        public float* Dx;
        public float* Weight;
        public float* UpstreamPerRow;
        public float UpstreamShared;
        public int Rows;
        public int Classes;
        public int IgnoreIndex;
        public int Parts;
        public bool Accumulate;
        public bool Backward;
        public FloatVectorPath Path;
    }

    /// <summary>
    /// Each row's loss <c>w_t·(log Σⱼ e^{xⱼ − m} − (x_t − m))</c> into <paramref name="losses"/> (0 where the target is
    /// ignored), with its maximum m and log-sum for <see cref="Backward"/>.
    /// </summary>
    public static void Forward(in Rows rows, Span<float> rowMax, Span<float> logSum, Span<float> losses)
    {
        fixed (float* px = rows.Logits, pw = rows.Weight, pm = rowMax, ps = logSum, pl = losses)
        fixed (int* pt = rows.Targets)
        {
            var job = new Job
            {
                X = px, Targets = pt, RowMax = pm, LogSum = ps, Losses = pl, Weight = rows.Weight.IsEmpty ? null : pw,
                Rows = rows.Targets.Length, Classes = rows.Classes, IgnoreIndex = rows.IgnoreIndex, Path = FloatVector.BestPath,
            };
            Run(ref job);
        }
    }

    /// <summary>
    /// The gradient <c>u_r·w_t·(softmax(x_r) − onehot(t))</c> of every row into <paramref name="dx"/>, added when
    /// <paramref name="accumulate"/>, else written (zeros for ignored rows); u_r is <paramref name="upstreamShared"/> times
    /// <paramref name="upstreamPerRow"/>[r] when given. <paramref name="dx"/> may be the logits' own storage.
    /// </summary>
    public static void Backward(in Rows rows, ReadOnlySpan<float> rowMax, ReadOnlySpan<float> logSum, ReadOnlySpan<float> upstreamPerRow,
        float upstreamShared, Span<float> dx, bool accumulate)
    {
        fixed (float* px = rows.Logits, pw = rows.Weight, pm = rowMax, ps = logSum, pu = upstreamPerRow, pd = dx)
        fixed (int* pt = rows.Targets)
        {
            var job = new Job
            {
                X = px, Targets = pt, RowMax = pm, LogSum = ps, Dx = pd, Weight = rows.Weight.IsEmpty ? null : pw,
                UpstreamPerRow = upstreamPerRow.IsEmpty ? null : pu, UpstreamShared = upstreamShared,
                Rows = rows.Targets.Length, Classes = rows.Classes, IgnoreIndex = rows.IgnoreIndex, Accumulate = accumulate, Backward = true,
                Path = FloatVector.BestPath,
            };
            Run(ref job);
        }
    }

    private static void Run(ref Job job)
    {
        int threads = KernelThreads.Usable;
        job.Parts = threads > 1 && (long)job.Rows * job.Classes >= ParallelLogits ? Math.Min(threads, job.Rows) : 1;
        fixed (Job* state = &job)
        {
            if (job.Parts == 1) RunPart(0, state);
            else KernelWorkers.Run(job.Parts, threads, large: true, &RunPart, state);
        }
    }

    private static void RunPart(int part, void* state)
    {
        ref readonly Job job = ref *(Job*)state;
        int start = (int)((long)job.Rows * part / job.Parts), end = (int)((long)job.Rows * (part + 1) / job.Parts);
        switch (job.Path)
        {
            case FloatVectorPath.Lanes16: RunRows<Float16Lanes>(job, start, end); break;
            case FloatVectorPath.Lanes8: RunRows<Float8Lanes>(job, start, end); break;
            default: RunRows<Float1Lane>(job, start, end); break;
        }
    }

    private static void RunRows<TV>(in Job job, int start, int end) where TV : struct, IFloatVector<TV>
    {
        int classes = job.Classes;
        float* lanes = stackalloc float[TV.Count];
        for (int r = start; r < end; r++)
        {
            float* row = job.X + (long)r * classes;
            int target = job.Targets[r];
            float weight = target == job.IgnoreIndex || job.Weight is null ? 1f : job.Weight[target];
            if (!job.Backward)
            {
                if (target == job.IgnoreIndex) continue;
                float max = RowMax<TV>(row, classes, lanes);
                float logSum = MathF.Log(ExpSum<TV>(row, classes, max, lanes));
                job.RowMax[r] = max;
                job.LogSum[r] = logSum;
                job.Losses[r] = weight * (logSum - (row[target] - max));
                continue;
            }
            float* dx = job.Dx + (long)r * classes;
            if (target == job.IgnoreIndex)
            {
                if (!job.Accumulate) new Span<float>(dx, classes).Clear();
                continue;
            }
            float factor = job.UpstreamShared * (job.UpstreamPerRow is null ? 1f : job.UpstreamPerRow[r]) * weight;
            SoftmaxTimes<TV>(row, dx, classes, job.RowMax[r] + job.LogSum[r], factor, job.Accumulate);
            dx[target] -= factor;
        }
    }

    private static float RowMax<TV>(float* row, int classes, float* lanes) where TV : struct, IFloatVector<TV>
    {
        int full = classes - classes % TV.Count, j = 0;
        var m0 = TV.Splat(float.NegativeInfinity);
        var m1 = m0;
        for (; j + 2 * TV.Count <= full; j += 2 * TV.Count)
        {
            m0 = TV.Max(m0, TV.Load(row + j, TV.Count));
            m1 = TV.Max(m1, TV.Load(row + j + TV.Count, TV.Count));
        }
        if (j < full) m0 = TV.Max(m0, TV.Load(row + j, TV.Count));
        TV.Store(lanes, TV.Max(m0, m1), TV.Count);
        float max = float.NegativeInfinity;
        for (int k = 0; k < TV.Count; k++) max = MathF.Max(max, lanes[k]);
        for (j = full; j < classes; j++) max = MathF.Max(max, row[j]);
        return max;
    }

    private static float ExpSum<TV>(float* row, int classes, float max, float* lanes) where TV : struct, IFloatVector<TV>
    {
        int full = classes - classes % TV.Count, j = 0;
        var m = TV.Splat(max);
        var s0 = TV.Splat(0f);
        var s1 = s0;
        for (; j + 2 * TV.Count <= full; j += 2 * TV.Count)
        {
            s0 += TV.Exp(TV.Load(row + j, TV.Count) - m);
            s1 += TV.Exp(TV.Load(row + j + TV.Count, TV.Count) - m);
        }
        if (j < full) s0 += TV.Exp(TV.Load(row + j, TV.Count) - m);
        TV.Store(lanes, s0 + s1, TV.Count);
        float sum = 0f;
        for (int k = 0; k < TV.Count; k++) sum += lanes[k];
        for (j = full; j < classes; j++) sum += MathF.Exp(row[j] - max);
        return sum;
    }

    // dxⱼ (+)= factor · e^{xⱼ − shift} with shift = m + log S, so that the exponential is pⱼ itself. Each element is read
    // before it is written, so dx may be the row itself.
    private static void SoftmaxTimes<TV>(float* row, float* dx, int classes, float shift, float factor, bool accumulate)
        where TV : struct, IFloatVector<TV>
    {
        int full = classes - classes % TV.Count, j = 0;
        var c = TV.Splat(shift);
        var f = TV.Splat(factor);
        for (; j < full; j += TV.Count)
        {
            var g = f * TV.Exp(TV.Load(row + j, TV.Count) - c);
            TV.Store(dx + j, accumulate ? g + TV.Load(dx + j, TV.Count) : g, TV.Count);
        }
        for (; j < classes; j++)
        {
            float g = factor * MathF.Exp(row[j] - shift);
            dx[j] = accumulate ? g + dx[j] : g;
        }
    }
}
