using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// The transpose of one strided matrix into another, <c>target[j, i] (=|+=) source[i, j]</c>, in 16×16 blocks turned in
/// registers on AVX-512 (<see cref="GemmTranspose.Block16"/>; the blocks at the edges through a copy), element by element
/// elsewhere. It moves
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
        if (!(Vector512.IsHardwareAccelerated && Avx512F.IsSupported))
        {
            Scalar(source, ldSource, rows, cols, target, ldTarget, accumulate);
            return;
        }
        float* block = stackalloc float[256], padded = stackalloc float[256];
        for (int i = 0; i < rows; i += 16)
            for (int j = 0; j < cols; j += 16)
            {
                int blockRows = Math.Min(16, rows - i), blockCols = Math.Min(16, cols - j);
                float* from = source + (long)i * ldSource + j, to = target + (long)j * ldTarget + i;
                if (blockRows == 16 && blockCols == 16 && !accumulate)
                {
                    GemmTranspose.Block16(from, ldSource, 16, to, ldTarget);
                    continue;
                }
                // A block at an edge, or one to add: its source rows copied in (Block16 reads whole rows of 16, which
                // could reach past the end of the source), turned, and its valid rows added or copied out.
                if (blockCols == 16)
                    GemmTranspose.Block16(from, ldSource, blockRows, block, 16);
                else
                {
                    // Columns past the edge turn into rows that are not copied out: whatever they hold is never read.
                    for (int r = 0; r < blockRows; r++)
                        new ReadOnlySpan<float>(from + (long)r * ldSource, blockCols).CopyTo(new Span<float>(padded + r * 16, 16));
                    GemmTranspose.Block16(padded, 16, blockRows, block, 16);
                }
                if (blockRows == 16)
                {
                    for (int r = 0; r < blockCols; r++)
                    {
                        float* row = to + (long)r * ldTarget;
                        var values = Vector512.Load(block + r * 16);
                        Vector512.Store(accumulate ? values + Vector512.Load(row) : values, row);
                    }
                    continue;
                }
                var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(blockRows)).AsSingle();
                for (int r = 0; r < blockCols; r++)
                {
                    float* row = to + (long)r * ldTarget;
                    var values = Vector512.Load(block + r * 16);
                    if (accumulate) values += Avx512F.MaskLoad(row, mask, Vector512<float>.Zero);
                    Avx512F.MaskStore(row, mask, values);
                }
            }
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
