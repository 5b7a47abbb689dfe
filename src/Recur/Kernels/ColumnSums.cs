using System.Runtime.CompilerServices;

namespace Recur.Kernels;

/// <summary>Column sums of a row-major matrix, added into a vector: the bias gradients of a layer's gates over all steps.</summary>
/// <remarks>
/// Each column is summed in one fixed order: rows in blocks of 64 (for accuracy), each block from zero in row order, the
/// block sums added in order, the total added to the target. Eight vectors of columns are summed at once, in registers
/// (one vector at a time, each sum waited on the addition before it: 4–6 % of the MNIST GRU step); threads split the
/// columns, never the rows, so the bits depend on neither.
/// </remarks>
internal static unsafe class ColumnSums
{
    /// <summary>From this many elements a call splits its columns over <see cref="KernelThreads.Usable"/> threads.</summary>
    internal const long ParallelThreshold = 1L << 18;

    /// <summary>Rows summed from zero before their sum joins the column's total.</summary>
    private const int Block = 64;

    /// <summary>
    /// <paramref name="target"/>[j] += Σ_r m[r, j] over <paramref name="rows"/> rows of <paramref name="cols"/> columns, rows
    /// summed in order (in blocks of 64, for accuracy) so the result is reproducible, whatever the thread count.
    /// </summary>
    public static void Add(ReadOnlySpan<float> m, int rows, int cols, Span<float> target) => Add(m, rows, cols, cols, target);

    /// <summary>
    /// As <see cref="Add(ReadOnlySpan{float}, int, int, Span{float})"/> on <paramref name="cols"/> columns of rows
    /// <paramref name="ld"/> floats apart (<paramref name="m"/> starts at the first column of row 0).
    /// </summary>
    public static void Add(ReadOnlySpan<float> m, int rows, int cols, int ld, Span<float> target)
    {
        if (ld < cols || rows > 0 && m.Length < (long)(rows - 1) * ld + cols || target.Length < cols)
            throw new ArgumentException($"ColumnSums.Add: [{rows}, {cols}] rows {ld} apart or a target of {cols} does not fit the spans ({m.Length}, {target.Length}).");
        if (rows == 0 || cols == 0) return;
        // Parts of whole groups of 64 columns (four vectors of 16), so every part sums in strips of registers and no two
        // threads write one cache line of the target.
        int groups = (cols + 63) / 64;
        int parts = (long)rows * cols >= ParallelThreshold ? Math.Min(KernelThreads.Usable, groups) : 1;
        fixed (float* source = m, sums = target)
        {
            var job = new Job { Source = source, Rows = rows, Cols = cols, Ld = ld, Target = sums, Parts = parts, Groups = groups };
            KernelWorkers.Run(parts, parts, large: false, &RunPart, &job);   // on this thread when there is one part
        }
    }

    private struct Job
    {
        public float* Source, Target;
        public int Rows, Cols, Ld, Parts, Groups;
    }

    private static void RunPart(int part, void* state)
    {
        ref Job j = ref *(Job*)state;
        int c0 = Math.Min(j.Cols, (int)((long)j.Groups * part / j.Parts) * 64);
        int c1 = Math.Min(j.Cols, (int)((long)j.Groups * (part + 1) / j.Parts) * 64);
        if (c0 < c1) FloatVector.Dispatch(new SumKernel(j.Source, j.Rows, j.Ld, c0, c1, j.Target));
    }

    private readonly struct SumKernel(float* m, int rows, int ld, int c0, int c1, float* target) : IFloatVectorKernel
    {
        public void Run<TV>() where TV : struct, IFloatVector<TV>
        {
            int k = c0;
            for (; k + 8 * TV.Count <= c1; k += 8 * TV.Count) SumStrip<TV>(m, rows, ld, k, target);
            for (; k + 4 * TV.Count <= c1; k += 4 * TV.Count) SumStrip4<TV>(m, rows, ld, k, target);
            for (; k < c1; k += TV.Count) SumColumns<TV>(m, rows, ld, k, c1 - k, target);
        }
    }

    // Eight vectors of columns at once, in registers: eight independent chains of additions over rows that are 8·Count
    // floats apart in memory, each column's chain exactly that of SumColumns.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumStrip<TV>(float* m, int rows, int ld, int k, float* target) where TV : struct, IFloatVector<TV>
    {
        int c = TV.Count;
        TV t0 = TV.Splat(0f), t1 = t0, t2 = t0, t3 = t0, t4 = t0, t5 = t0, t6 = t0, t7 = t0;
        for (int r0 = 0; r0 < rows; r0 += Block)
        {
            TV b0 = TV.Splat(0f), b1 = b0, b2 = b0, b3 = b0, b4 = b0, b5 = b0, b6 = b0, b7 = b0;
            int r1 = Math.Min(rows, r0 + Block);
            for (int r = r0; r < r1; r++)
            {
                float* p = m + (long)r * ld + k;
                b0 += TV.Load(p, c); b1 += TV.Load(p + c, c); b2 += TV.Load(p + 2 * c, c); b3 += TV.Load(p + 3 * c, c);
                b4 += TV.Load(p + 4 * c, c); b5 += TV.Load(p + 5 * c, c); b6 += TV.Load(p + 6 * c, c); b7 += TV.Load(p + 7 * c, c);
            }
            t0 += b0; t1 += b1; t2 += b2; t3 += b3; t4 += b4; t5 += b5; t6 += b6; t7 += b7;
        }
        float* q = target + k;
        TV.Store(q, TV.Load(q, c) + t0, c); TV.Store(q + c, TV.Load(q + c, c) + t1, c);
        TV.Store(q + 2 * c, TV.Load(q + 2 * c, c) + t2, c); TV.Store(q + 3 * c, TV.Load(q + 3 * c, c) + t3, c);
        TV.Store(q + 4 * c, TV.Load(q + 4 * c, c) + t4, c); TV.Store(q + 5 * c, TV.Load(q + 5 * c, c) + t5, c);
        TV.Store(q + 6 * c, TV.Load(q + 6 * c, c) + t6, c); TV.Store(q + 7 * c, TV.Load(q + 7 * c, c) + t7, c);
    }

    // Four vectors of columns at once, as SumStrip.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumStrip4<TV>(float* m, int rows, int ld, int k, float* target) where TV : struct, IFloatVector<TV>
    {
        int c = TV.Count;
        TV t0 = TV.Splat(0f), t1 = t0, t2 = t0, t3 = t0;
        for (int r0 = 0; r0 < rows; r0 += Block)
        {
            TV b0 = TV.Splat(0f), b1 = b0, b2 = b0, b3 = b0;
            int r1 = Math.Min(rows, r0 + Block);
            for (int r = r0; r < r1; r++)
            {
                float* p = m + (long)r * ld + k;
                b0 += TV.Load(p, c); b1 += TV.Load(p + c, c); b2 += TV.Load(p + 2 * c, c); b3 += TV.Load(p + 3 * c, c);
            }
            t0 += b0; t1 += b1; t2 += b2; t3 += b3;
        }
        float* q = target + k;
        TV.Store(q, TV.Load(q, c) + t0, c); TV.Store(q + c, TV.Load(q + c, c) + t1, c);
        TV.Store(q + 2 * c, TV.Load(q + 2 * c, c) + t2, c); TV.Store(q + 3 * c, TV.Load(q + 3 * c, c) + t3, c);
    }

    // One vector of columns (the first min(n, Count) of them from k).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumColumns<TV>(float* m, int rows, int ld, int k, int n, float* target) where TV : struct, IFloatVector<TV>
    {
        var total = TV.Splat(0f);
        for (int r0 = 0; r0 < rows; r0 += Block)
        {
            var block = TV.Splat(0f);
            int r1 = Math.Min(rows, r0 + Block);
            for (int r = r0; r < r1; r++) block += TV.Load(m + (long)r * ld + k, n);
            total += block;
        }
        TV.Store(target + k, TV.Load(target + k, n) + total, n);
    }
}
