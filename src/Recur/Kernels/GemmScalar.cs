using System.Runtime.CompilerServices;

namespace Recur.Kernels;

/// <summary>
/// Portable fallback for CPUs without 256-bit SIMD: a plain loop nest on the caller's storage,
/// ordered (i, p, j) so the innermost loop walks a row of C and, when B is not transposed, a row of B.
/// </summary>
internal static unsafe class GemmScalar
{
    /// <summary>Computes rows [rowStart, rowEnd) × columns [colStart, colEnd) of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmOperands g, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int width = colEnd - colStart;
        for (int i = rowStart; i < rowEnd; i++)
        {
            float* cRow = g.C + (long)i * g.Ldc + colStart;
            if (!g.Accumulate)
                new Span<float>(cRow, width).Clear();
            for (int p = 0; p < g.K; p++)
            {
                float aip = g.TransposeA ? g.A[(long)p * g.Lda + i] : g.A[(long)i * g.Lda + p];
                if (g.TransposeB)
                {
                    float* bColumn = g.B + (long)colStart * g.Ldb + p;
                    for (int j = 0; j < width; j++)
                        cRow[j] += aip * bColumn[(long)j * g.Ldb];
                }
                else
                {
                    float* bRow = g.B + (long)p * g.Ldb + colStart;
                    for (int j = 0; j < width; j++)
                        cRow[j] += aip * bRow[j];
                }
            }
        }
    }
}
