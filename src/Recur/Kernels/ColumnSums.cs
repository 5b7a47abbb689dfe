using System.Runtime.CompilerServices;

namespace Recur.Kernels;

/// <summary>Column sums of a row-major matrix, added into a vector: the bias gradients of a layer's gates over all steps.</summary>
internal static unsafe class ColumnSums
{
    /// <summary>
    /// <paramref name="target"/>[j] += Σ_r m[r, j] over <paramref name="rows"/> rows of <paramref name="cols"/> columns, rows
    /// summed in order (in blocks of 64, for accuracy) so the result is reproducible.
    /// </summary>
    public static void Add(ReadOnlySpan<float> m, int rows, int cols, Span<float> target)
    {
        fixed (float* source = m, sums = target)
            FloatVector.Dispatch(new SumKernel(source, rows, cols, sums));
    }

    private readonly struct SumKernel(float* m, int rows, int cols, float* target) : IFloatVectorKernel
    {
        // Rows are summed in blocks of this many, each block's sum then added to the column's total (for accuracy).
        private const int Block = 64;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TV>() where TV : struct, IFloatVector<TV>
        {
            // Four vectors of columns at a time: four independent chains of additions and 4·Count contiguous floats per
            // row (one vector at a time, each addition waited for the last, and each row gave one strided load). Every
            // column still sums its rows in the same order, so the bits are those of one vector at a time.
            int k = 0;
            for (; k + 4 * TV.Count <= cols; k += 4 * TV.Count)
            {
                float* column = m + k;
                TV total0 = TV.Splat(0f), total1 = total0, total2 = total0, total3 = total0;
                for (int r0 = 0; r0 < rows; r0 += Block)
                {
                    TV block0 = TV.Splat(0f), block1 = block0, block2 = block0, block3 = block0;
                    int r1 = Math.Min(rows, r0 + Block);
                    for (int r = r0; r < r1; r++)
                    {
                        float* row = column + (long)r * cols;
                        block0 += TV.Load(row, TV.Count);
                        block1 += TV.Load(row + TV.Count, TV.Count);
                        block2 += TV.Load(row + 2 * TV.Count, TV.Count);
                        block3 += TV.Load(row + 3 * TV.Count, TV.Count);
                    }
                    total0 += block0;
                    total1 += block1;
                    total2 += block2;
                    total3 += block3;
                }
                AddInto<TV>(target + k, total0, TV.Count);
                AddInto<TV>(target + k + TV.Count, total1, TV.Count);
                AddInto<TV>(target + k + 2 * TV.Count, total2, TV.Count);
                AddInto<TV>(target + k + 3 * TV.Count, total3, TV.Count);
            }
            for (; k < cols; k += TV.Count)
            {
                int n = cols - k;
                var total = TV.Splat(0f);
                for (int r0 = 0; r0 < rows; r0 += Block)
                {
                    var block = TV.Splat(0f);
                    int r1 = Math.Min(rows, r0 + Block);
                    for (int r = r0; r < r1; r++) block += TV.Load(m + (long)r * cols + k, n);
                    total += block;
                }
                AddInto<TV>(target + k, total, n);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddInto<TV>(float* at, TV sum, int n) where TV : struct, IFloatVector<TV>
            => TV.Store(at, TV.Load(at, n) + sum, n);
    }
}
