using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// The transpose of one strided matrix into another, <c>target[j, i] (=|+=) source[i, j]</c>, in 16×16 blocks turned in
/// registers on AVX-512 (<see cref="GemmTranspose.Block16"/>) and element by element at the edges and elsewhere. It moves
/// a convolution's activations between the channels-first layout <c>[C, L]</c> and the channels-last <c>[L, C]</c> its
/// direct kernel reads, where a plain double loop cost as much as the convolution's arithmetic.
/// </summary>
internal static unsafe class BlockTranspose
{
    /// <summary>
    /// <c>target[j·ldTarget + i] = source[i·ldSource + j]</c> (or <c>+=</c> with <paramref name="accumulate"/>) for
    /// i in <c>[0, rows)</c>, j in <c>[0, cols)</c>. Each target element gets exactly one term, so the result does not
    /// depend on the blocking.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* source, int ldSource, int rows, int cols, float* target, int ldTarget, bool accumulate)
    {
        int fullRows = 0, fullCols = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            fullRows = rows & ~15;
            fullCols = cols & ~15;
            float* block = stackalloc float[256];
            for (int i = 0; i < fullRows; i += 16)
                for (int j = 0; j < fullCols; j += 16)
                {
                    float* from = source + (long)i * ldSource + j, to = target + (long)j * ldTarget + i;
                    if (!accumulate)
                    {
                        GemmTranspose.Block16(from, ldSource, 16, to, ldTarget);
                        continue;
                    }
                    GemmTranspose.Block16(from, ldSource, 16, block, 16);
                    for (int r = 0; r < 16; r++)
                        Vector512.Store(Vector512.Load(to + (long)r * ldTarget) + Vector512.Load(block + r * 16), to + (long)r * ldTarget);
                }
        }
        // The edges the blocks left: the rows below the last full block (all columns), then the columns to its right.
        Scalar(source + (long)fullRows * ldSource, ldSource, rows - fullRows, cols, target + fullRows, ldTarget, accumulate);
        Scalar(source + fullCols, ldSource, fullRows, cols - fullCols, target + (long)fullCols * ldTarget, ldTarget, accumulate);
    }

    private static void Scalar(float* source, int ldSource, int rows, int cols, float* target, int ldTarget, bool accumulate)
    {
        for (int j = 0; j < cols; j++)
        {
            float* to = target + (long)j * ldTarget;
            float* from = source + j;
            if (accumulate)
                for (int i = 0; i < rows; i++) to[i] += from[(long)i * ldSource];
            else
                for (int i = 0; i < rows; i++) to[i] = from[(long)i * ldSource];
        }
    }
}
