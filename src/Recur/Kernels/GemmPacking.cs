using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the panel layouts the microkernel streams through:
/// A as panels of <c>MR</c> rows stored step by step (<c>panel[p·MR + r]</c>), B as panels of <c>NR</c>
/// columns stored step by step (<c>panel[p·NR + j]</c>). Transposed operands are untransposed here, so
/// the microkernel sees one layout whatever the caller's. Panels are zero-padded to full MR / NR, so the
/// kernel never needs a ragged edge in its inner loop (the padded results are simply not stored).
/// </summary>
internal static unsafe class GemmPacking<TKernel> where TKernel : struct, IGemmMicrokernel
{
    /// <summary>Packs op(A)[ic..ic+mc, pc..pc+kc] into <c>ceil(mc/MR)</c> panels of <c>MR×kc</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(in GemmOperands g, int ic, int mc, int pc, int kc, float* dst)
    {
        int mr = TKernel.MR;
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            if (g.TransposeA)
                PackAPanelTransposed(g.A + (long)pc * g.Lda + ic + ir, g.Lda, rows, kc, dst);
            else
                PackAPanel(g.A + (long)(ic + ir) * g.Lda + pc, g.Lda, rows, kc, dst);
            dst += mr * kc;
        }
    }

    // A is row-major [m, lda]: gather MR rows step by step (a small transpose).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackAPanel(float* src, int lda, int rows, int kc, float* dst)
    {
        int mr = TKernel.MR;
        if (mr == 6 && rows == 6)
        {
            float* s0 = src, s1 = src + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda;
            for (int p = 0; p < kc; p++, dst += 6)
            {
                dst[0] = s0[p];
                dst[1] = s1[p];
                dst[2] = s2[p];
                dst[3] = s3[p];
                dst[4] = s4[p];
                dst[5] = s5[p];
            }
            return;
        }
        for (int p = 0; p < kc; p++, dst += mr)
        {
            for (int r = 0; r < rows; r++)
                dst[r] = src[(long)r * lda + p];
            for (int r = rows; r < mr; r++)
                dst[r] = 0f;
        }
    }

    // A is stored transposed, [k, lda]: the MR values of one step are already contiguous.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackAPanelTransposed(float* src, int lda, int rows, int kc, float* dst)
    {
        int mr = TKernel.MR;
        for (int p = 0; p < kc; p++, dst += mr, src += lda)
        {
            for (int r = 0; r < rows; r++)
                dst[r] = src[r];
            for (int r = rows; r < mr; r++)
                dst[r] = 0f;
        }
    }

    /// <summary>Packs op(B)[pc..pc+kc, jc..jc+nc] into <c>ceil(nc/NR)</c> panels of <c>kc×NR</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(in GemmOperands g, int pc, int kc, int jc, int nc, float* dst)
    {
        int nr = TKernel.NR;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            if (g.TransposeB)
                PackBPanelTransposed(g.B + (long)(jc + jr) * g.Ldb + pc, g.Ldb, cols, kc, dst);
            else
                PackBPanel(g.B + (long)pc * g.Ldb + jc + jr, g.Ldb, cols, kc, dst);
            dst += nr * kc;
        }
    }

    // B is row-major [k, ldb]: each step is a contiguous run of the row.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackBPanel(float* src, int ldb, int cols, int kc, float* dst)
    {
        int nr = TKernel.NR;
        if (cols == nr)
        {
            for (int p = 0; p < kc; p++, dst += nr, src += ldb)
                Unsafe.CopyBlockUnaligned(dst, src, (uint)(nr * sizeof(float)));
            return;
        }
        for (int p = 0; p < kc; p++, dst += nr, src += ldb)
        {
            Unsafe.CopyBlockUnaligned(dst, src, (uint)(cols * sizeof(float)));
            new Span<float>(dst + cols, nr - cols).Clear();
        }
    }

    // B is stored transposed, [n, ldb]: column j of op(B) is row j of the storage. With AVX-512, whole
    // 16×16 blocks go through an in-register transpose (missing columns come out as zero padding); the
    // remaining steps walk the steps in the outer loop so writes are sequential.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackBPanelTransposed(float* src, int ldb, int cols, int kc, float* dst)
    {
        int nr = TKernel.NR;
        int p = 0;
        if (Avx512F.IsSupported && nr % 16 == 0)
        {
            for (; p + 16 <= kc; p += 16)
            {
                for (int jg = 0; jg < nr; jg += 16)
                {
                    float* block = dst + (long)p * nr + jg;
                    if (jg < cols)
                    {
                        GemmTranspose.Block16(src + (long)jg * ldb + p, ldb, Math.Min(16, cols - jg), block, nr);
                    }
                    else
                    {
                        for (int q = 0; q < 16; q++)
                            Vector512.Store(Vector512<float>.Zero, block + q * nr);
                    }
                }
            }
        }

        for (dst += (long)p * nr; p < kc; p++, dst += nr)
        {
            float* s = src + p;
            for (int j = 0; j < cols; j++)
                dst[j] = s[(long)j * ldb];
            for (int j = cols; j < nr; j++)
                dst[j] = 0f;
        }
    }
}
