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
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TV>() where TV : struct, IFloatVector<TV>
        {
            const int Block = 64;
            for (int k = 0; k < cols; k += TV.Count)
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
                TV.Store(target + k, TV.Load(target + k, n) + total, n);
            }
        }
    }
}
