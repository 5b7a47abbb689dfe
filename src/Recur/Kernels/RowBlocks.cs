using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
namespace Recur.Kernels;

/// <summary>
/// Copies and adds of many short rows (a hidden state of 10 floats, an embedding of 32), where a library call per row
/// costs more than the row itself: each row is a few masked vectors, and the code path is chosen once per call.
/// </summary>
internal static unsafe class RowBlocks
{
    /// <summary>From this many floats a swap splits its target rows over <see cref="KernelThreads.Usable"/> threads.</summary>
    internal const long ParallelSwapSize = 1L << 17;

    /// <summary>
    /// <c>target[j, i, :] = source[i, j, :]</c> (or <c>+=</c> with <paramref name="accumulate"/>): <c>[A, B, inner]</c> →
    /// <c>[B, A, inner]</c>, as between time-major and batch-first layouts. Target rows are written in order; a large swap
    /// (a recurrent layer's output or its input's gradient) splits the target's leading index over the kernel threads, each
    /// element copied or added once either way.
    /// </summary>
    public static void SwapLeadingAxes(ReadOnlySpan<float> source, Span<float> target, int a, int b, int inner, bool accumulate)
    {
        long size = (long)a * b * inner;
        if (source.Length < size || target.Length < size)
            throw new ArgumentException($"RowBlocks.SwapLeadingAxes: [{a}, {b}, {inner}] does not fit the spans.");
        if (size == 0) return;
        int parts = size >= ParallelSwapSize ? Math.Min(KernelThreads.Usable, b) : 1;
        fixed (float* s = source, t = target)
        {
            var job = new SwapJob { Source = s, Target = t, A = a, B = b, Inner = inner, Accumulate = accumulate, Parts = parts };
            KernelWorkers.Run(parts, parts, large: false, &SwapPart, &job);   // on this thread when there is one part
        }
    }

    private struct SwapJob
    {
        public float* Source, Target;
        public int A, B, Inner, Parts;
        public bool Accumulate;
    }

    // Part p writes target rows j in [B·p/parts, B·(p+1)/parts).
    private static void SwapPart(int part, void* state)
    {
        ref SwapJob j = ref *(SwapJob*)state;
        int j0 = (int)((long)j.B * part / j.Parts), j1 = (int)((long)j.B * (part + 1) / j.Parts);
        if (j0 < j1) FloatVector.Dispatch(new SwapKernel(j.Source, j.Target, j.A, j.B, j0, j1, j.Inner, j.Accumulate));
    }

    /// <summary>From this many floats moved, a gather or a scatter-add splits its work over <see cref="KernelThreads.Usable"/> threads.</summary>
    internal const long ParallelRowsSize = 1L << 16;

    /// <summary>
    /// <c>table[ids[i], :] += rows[i, :]</c> for every i whose id is not <paramref name="skippedId"/>, in order of i
    /// (an embedding's gradient: rows with the same id add up in the same order every time). A large scatter splits the
    /// columns over the kernel threads: each thread walks every id in order over its own columns, so every element
    /// gets the same additions in the same order for any thread count.
    /// </summary>
    public static void ScatterAdd(ReadOnlySpan<float> rows, ReadOnlySpan<int> ids, Span<float> table, int width, int skippedId)
    {
        if (rows.Length < (long)ids.Length * width)
            throw new ArgumentException("RowBlocks.ScatterAdd: fewer rows than ids.");
        foreach (int id in ids)
            if ((uint)id >= (uint)(table.Length / Math.Max(width, 1)))
                throw new ArgumentOutOfRangeException(nameof(ids), $"RowBlocks.ScatterAdd: id {id} is outside the table.");
        if (width == 0) return;
        // Column ranges of whole 16-float vectors, so that no thread's range shares a vector with another's.
        int parts = (long)ids.Length * width >= ParallelRowsSize ? Math.Min(KernelThreads.Usable, width / 16) : 1;
        fixed (float* r = rows, t = table)
        fixed (int* i = ids)
        {
            var job = new ScatterJob { Rows = r, Ids = i, Count = ids.Length, Table = t, Width = width, SkippedId = skippedId, Parts = Math.Max(parts, 1) };
            KernelWorkers.Run(job.Parts, job.Parts, large: false, &ScatterPart, &job);   // on this thread when there is one part
        }
    }

    /// <summary>
    /// <c>target[i, :] = table[ids[i], :]</c> (an embedding lookup; the ids are already checked). A large gather splits
    /// its rows over the kernel threads.
    /// </summary>
    public static void Gather(ReadOnlySpan<float> table, ReadOnlySpan<int> ids, Span<float> target, int width)
    {
        if (target.Length < (long)ids.Length * width)
            throw new ArgumentException("RowBlocks.Gather: the target is shorter than the ids' rows.");
        if (width == 0 || ids.IsEmpty) return;
        int parts = (long)ids.Length * width >= ParallelRowsSize ? Math.Min(KernelThreads.Usable, ids.Length) : 1;
        fixed (float* s = table, t = target)
        fixed (int* i = ids)
        {
            var job = new GatherJob { Table = s, Ids = i, Count = ids.Length, Target = t, Width = width, Parts = parts };
            KernelWorkers.Run(parts, parts, large: false, &GatherPart, &job);
        }
    }

    private struct ScatterJob
    {
        public float* Rows, Table;
        public int* Ids;
        public int Count, Width, SkippedId, Parts;
    }

    private struct GatherJob
    {
        public float* Table, Target;
        public int* Ids;
        public int Count, Width, Parts;
    }

    // Part p adds columns [c0, c1): even shares of the row's 16-float vectors.
    private static void ScatterPart(int part, void* state)
    {
        ref ScatterJob j = ref *(ScatterJob*)state;
        var (c0, c1) = KernelWorkers.PartRange(j.Width, 16, part, j.Parts);
        if (c0 < c1) FloatVector.Dispatch(new ScatterKernel(j.Rows + c0, j.Ids, j.Count, j.Table + c0, j.Width, c1 - c0, j.SkippedId));
    }

    /// <summary>
    /// How many rows ahead a gather or a scatter-add asks for its table rows. The ids are random rows of a table of megabytes
    /// (an embedding), so each row is a cache miss that the hardware cannot foresee; requested this far ahead, the misses of
    /// several rows overlap. Measured in the IMDB LSTM step (2 threads): the embedding's scatter-add 0.31 → 0.25 ms, its
    /// gather 0.18 → 0.15 ms; 4 and 16 rows ahead were as good as 8.
    /// </summary>
    internal const int RowsAhead = 8;

    // Asks for the lines of floats [0, width) of a row that a later iteration reads (where the processor has the instruction).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchRow(float* row, int width)
    {
        if (!Sse.IsSupported) return;
        for (int k = 0; k < width; k += 16)
            Sse.Prefetch0(row + k);
        Sse.Prefetch0(row + width - 1);
    }

    // Part p copies rows [Count·p/parts, Count·(p+1)/parts).
    private static void GatherPart(int part, void* state)
    {
        ref GatherJob j = ref *(GatherJob*)state;
        var (i0, i1) = KernelWorkers.PartRange(j.Count, 1, part, j.Parts);
        long bytes = (long)j.Width * sizeof(float);
        for (int i = i0; i < i1; i++)
        {
            if (i + RowsAhead < i1) PrefetchRow(j.Table + (long)j.Ids[i + RowsAhead] * j.Width, j.Width);
            Buffer.MemoryCopy(j.Table + (long)j.Ids[i] * j.Width, j.Target + (long)i * j.Width, bytes, bytes);
        }
    }

    // The kernels' arguments as fields; each Run passes them to a static method, so the loops see them in registers.
    private readonly struct SwapKernel(float* source, float* target, int a, int b, int j0, int j1, int inner, bool accumulate) : IFloatVectorKernel
    {
        public void Run<TV>() where TV : struct, IFloatVector<TV> => Swap<TV>(source, target, a, b, j0, j1, inner, accumulate);
    }

    private readonly struct ScatterKernel(float* rows, int* ids, int count, float* table, int stride, int width, int skippedId) : IFloatVectorKernel
    {
        public void Run<TV>() where TV : struct, IFloatVector<TV> => Scatter<TV>(rows, ids, count, table, stride, width, skippedId);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Swap<TV>(float* source, float* target, int a, int b, int j0, int j1, int inner, bool accumulate) where TV : struct, IFloatVector<TV>
    {
        for (int j = j0; j < j1; j++)
            for (int i = 0; i < a; i++)
            {
                float* from = source + ((long)i * b + j) * inner, to = target + ((long)j * a + i) * inner;
                for (int k = 0; k < inner; k += TV.Count)
                {
                    int n = inner - k;
                    var value = TV.Load(from + k, n);
                    TV.Store(to + k, accumulate ? TV.Load(to + k, n) + value : value, n);
                }
            }
    }

    // Columns [0, width) of rows whose full length is stride.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter<TV>(float* rows, int* ids, int count, float* table, int stride, int width, int skippedId) where TV : struct, IFloatVector<TV>
    {
        for (int i = 0; i < count; i++)
        {
            if (i + RowsAhead < count) PrefetchRow(table + (long)ids[i + RowsAhead] * stride, width);
            if (ids[i] == skippedId) continue;
            float* from = rows + (long)i * stride, to = table + (long)ids[i] * stride;
            for (int k = 0; k < width; k += TV.Count)
            {
                int n = width - k;
                TV.Store(to + k, TV.Load(to + k, n) + TV.Load(from + k, n), n);
            }
        }
    }
}
