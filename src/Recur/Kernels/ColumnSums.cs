using System.Runtime.CompilerServices;

namespace Recur.Kernels;

/// <summary>Column sums of a row-major matrix, added into a vector: the bias gradients of a layer's gates over all steps.</summary>
/// <remarks>
/// Each column is summed in one fixed order: rows in blocks of 64 (for accuracy), each block from zero in row order, the
/// block sums added in order, the total added to the target. The matrix is read row by row (a column-major walk reads one
/// vector per row, a cache line a row-length apart, and was 4–6 % of the MNIST GRU step), with each column's partial sums
/// in a small tile of accumulators; threads split the columns, never the rows, so the bits depend on neither.
/// </remarks>
internal static unsafe class ColumnSums
{
    /// <summary>From this many elements a call splits its columns over <see cref="KernelThreads.Usable"/> threads.</summary>
    internal const long ParallelThreshold = 1L << 18;

    /// <summary>Columns whose partial sums are kept at once: 256 floats of block sums and 256 of totals, in L1.</summary>
    private const int Tile = 256;

    /// <summary>Rows summed from zero before their sum joins the column's total.</summary>
    private const int Block = 64;

    /// <summary>
    /// <paramref name="target"/>[j] += Σ_r m[r, j] over <paramref name="rows"/> rows of <paramref name="cols"/> columns, rows
    /// summed in order (in blocks of 64, for accuracy) so the result is reproducible, whatever the thread count.
    /// </summary>
    public static void Add(ReadOnlySpan<float> m, int rows, int cols, Span<float> target)
    {
        if (m.Length < (long)rows * cols || target.Length < cols)
            throw new ArgumentException($"ColumnSums.Add: [{rows}, {cols}] or a target of {cols} does not fit the spans ({m.Length}, {target.Length}).");
        if (rows == 0 || cols == 0) return;
        // Parts of whole 64-byte column groups, so no two threads write one cache line of the target.
        int groups = (cols + 15) / 16;
        int parts = (long)rows * cols >= ParallelThreshold ? Math.Min(KernelThreads.Usable, groups) : 1;
        fixed (float* source = m, sums = target)
        {
            var job = new Job { Source = source, Rows = rows, Cols = cols, Target = sums, Parts = parts, Groups = groups };
            if (parts == 1) RunPart(0, &job);
            else KernelWorkers.Run(parts, parts, large: false, &RunPart, &job);
        }
    }

    private struct Job
    {
        public float* Source, Target;
        public int Rows, Cols, Parts, Groups;
    }

    private static void RunPart(int part, void* state)
    {
        ref Job j = ref *(Job*)state;
        int c0 = Math.Min(j.Cols, (int)((long)j.Groups * part / j.Parts) * 16);
        int c1 = Math.Min(j.Cols, (int)((long)j.Groups * (part + 1) / j.Parts) * 16);
        if (c0 < c1) FloatVector.Dispatch(new SumKernel(j.Source, j.Rows, j.Cols, c0, c1, j.Target));
    }

    private readonly struct SumKernel(float* m, int rows, int cols, int c0, int c1, float* target) : IFloatVectorKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TV>() where TV : struct, IFloatVector<TV>
        {
            float* block = stackalloc float[Tile];
            float* total = stackalloc float[Tile];
            for (int t0 = c0; t0 < c1; t0 += Tile)
            {
                int width = Math.Min(Tile, c1 - t0);
                new Span<float>(total, width).Clear();
                for (int r0 = 0; r0 < rows; r0 += Block)
                {
                    new Span<float>(block, width).Clear();
                    int r1 = Math.Min(rows, r0 + Block);
                    for (int r = r0; r < r1; r++)
                    {
                        float* row = m + (long)r * cols + t0;
                        for (int k = 0; k < width; k += TV.Count)
                        {
                            int n = width - k;
                            TV.Store(block + k, TV.Load(block + k, n) + TV.Load(row + k, n), n);
                        }
                    }
                    for (int k = 0; k < width; k += TV.Count)
                    {
                        int n = width - k;
                        TV.Store(total + k, TV.Load(total + k, n) + TV.Load(block + k, n), n);
                    }
                }
                for (int k = 0; k < width; k += TV.Count)
                {
                    int n = width - k;
                    TV.Store(target + t0 + k, TV.Load(target + t0 + k, n) + TV.Load(total + k, n), n);
                }
            }
        }
    }
}
