using System.Runtime.CompilerServices;

namespace Recur.Kernels;

/// <summary>
/// The cache-blocked GEMM loop nest (the Goto/BLIS scheme) over one rectangle of C:
/// <code>
/// for each NC-wide block of columns        (B block KC×NC stays in L3)
///   for each KC-deep block of k            (pack op(B) block once, reuse for all rows)
///     for each MC-tall block of rows        (A block MC×KC stays in L2)
///       for each NR-wide B panel            (KC×NR panel stays in L1/L2)
///         for each MR-tall A panel: microkernel on an MR×NR tile of C
/// </code>
/// Packing is skipped where it does not pay (measured): A is read in place, and so is a row-major B
/// when C is short. The k-blocks depend only on the shape, never on the rectangle, so every element of C
/// sees the same sequence of additions however the caller splits C between threads.
/// </summary>
internal static unsafe class GemmBlocked<TKernel> where TKernel : struct, IGemmMicrokernel
{
    /// <summary>Computes rows [rowStart, rowEnd) × columns [colStart, colEnd) of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmOperands g, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int k = g.K;
        int rows = rowEnd - rowStart, cols = colEnd - colStart;

        // A short C (few row panels) uses each B element only a few times, so copying B would cost about
        // as much as using it: read a row-major B in place instead (its edge panel is still packed, so
        // the kernel never reads past the end of a row). Decided on the whole of C, not this part of it,
        // because it sets the k-blocking below, which must not depend on how C is split between threads.
        bool bInPlace = !g.TransposeB && g.M <= InPlaceBMaxRows;
        int kcMax = KBlockDepth(g.TransposeB, g.M, k);
        // B packed beforehand (GemmPackedB): every k-block's panels of the whole width, read where they are.
        bool prePacked = g.PackedB != null;
        long prePackedWidth = (long)RoundUp(g.N, nr);
        if (prePacked)
            bInPlace = false;

        int mcMax = Math.Min(TKernel.MC, RoundUp(rows, mr));
        int ncMax = Math.Min(TKernel.NC, RoundUp(cols, nr));

        // Reading A in place (6 row streams, or contiguous steps when A is transposed) measured as fast as
        // packing it or faster on AVX-512 for every shape tried, up to full 2048-column blocks; packing
        // remains for kernels with narrow panels, where one A block meets many of them.
        bool aInPlace = (ncMax + nr - 1) / nr <= InPlaceAMaxPanels;
        // A read in place transposed steps a row of A (2 KB and more) at every k: the tiles prefetch its next line themselves.
        bool aTransposedInPlace = aInPlace && g.TransposeA;

        GemmWorkspace workspace = GemmWorkspace.Current;
        float* packedA = aInPlace ? null : workspace.PackedA(mcMax * kcMax);
        float* packedB = prePacked ? null : workspace.PackedB((bInPlace ? nr : ncMax) * kcMax);

        for (int jc = colStart; jc < colEnd; jc += ncMax)
        {
            int nc = Math.Min(ncMax, colEnd - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                // The first k-block overwrites C unless the caller asked to accumulate onto it.
                bool overwrite = pc == 0 && !g.Accumulate;
                if (prePacked)
                    packedB = g.PackedB + pc * prePackedWidth + (long)jc * kc;
                else if (!bInPlace)
                    GemmPacking<TKernel>.PackB(g, pc, kc, jc, nc, packedB);

                for (int ic = rowStart; ic < rowEnd; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, rowEnd - ic);
                    if (!aInPlace)
                        GemmPacking<TKernel>.PackA(g, ic, mc, pc, kc, packedA);

                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int tileCols = Math.Min(nr, nc - jr);
                        float* bPanel = packedB + (long)jr * kc;
                        int bStride = nr;
                        if (bInPlace)
                        {
                            if (tileCols == nr)
                            {
                                bPanel = g.B + (long)pc * g.Ldb + jc + jr;
                                bStride = g.Ldb;
                            }
                            else
                            {
                                GemmPacking<TKernel>.PackB(g, pc, kc, jc + jr, tileCols, packedB);
                                bPanel = packedB;
                            }
                        }

                        float* cColumn = g.C + jc + jr;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int tileRows = Math.Min(mr, mc - ir);
                            float* aPanel = packedA + (long)ir * kc;
                            nint aRowStride = 1, aStepStride = mr;
                            if (aInPlace)
                            {
                                if (g.TransposeA)
                                {
                                    aPanel = g.A + (long)pc * g.Lda + ic + ir;
                                    aStepStride = g.Lda;
                                }
                                else
                                {
                                    aPanel = g.A + (long)(ic + ir) * g.Lda + pc;
                                    aRowStride = g.Lda;
                                    aStepStride = 1;
                                }
                            }
                            if (aTransposedInPlace)
                                TKernel.ComputeTransposedA(tileRows, tileCols, kc, aPanel, aStepStride, bPanel, bStride,
                                    cColumn + (long)(ic + ir) * g.Ldc, g.Ldc, overwrite);
                            else
                                TKernel.Compute(tileRows, tileCols, kc, aPanel, aRowStride, aStepStride, bPanel, bStride,
                                    cColumn + (long)(ic + ir) * g.Ldc, g.Ldc, overwrite);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The depth of the k-blocks of a product of <paramref name="m"/> rows over <paramref name="k"/> (the last may be
    /// shallower). It fixes each element's summation order: the kernel sums a block in registers, then adds it to C.
    /// </summary>
    internal static int KBlockDepth(bool transposeB, int m, int k)
    {
        // Equal-sized k-blocks (e.g. 600 = 300 + 300, not 512 + 88) keep every block worth its overhead.
        // Measured: a very short C reading B in place runs best with shallower blocks.
        bool bInPlace = !transposeB && m <= InPlaceBMaxRows;
        int kcTarget = bInPlace && m <= ShortRows ? TKernel.KC / 4 : TKernel.KC;
        int kBlocks = (k + kcTarget - 1) / kcTarget;
        return (k + kBlocks - 1) / kBlocks;
    }

    /// <summary>Up to this many NR-wide column panels per B block, A is read in place rather than packed.</summary>
    internal const int InPlaceAMaxPanels = 32;

    /// <summary>Up to this many rows of C, a row-major B is read in place rather than packed.</summary>
    internal const int InPlaceBMaxRows = 128;

    /// <summary>Up to this many rows of C count as very short (see the k-blocking).</summary>
    internal const int ShortRows = 32;

    /// <summary>Floats of <c>op(B)[k×n]</c> packed for this kernel (<see cref="PackWhole"/>): every panel zero-padded to NR columns.</summary>
    internal static long PackedLength(int n, int k) => (long)RoundUp(n, TKernel.NR) * k;

    /// <summary>
    /// Packs the whole of op(B) of the product <paramref name="g"/> (its <c>k×n</c>) as <see cref="Run"/> reads it when
    /// <see cref="GemmOperands.PackedB"/> is set: for each of the product's k-blocks in turn, its <c>ceil(n/NR)</c> panels of
    /// <c>kc×NR</c>, so the panel of columns [j, j + NR) of the k-block starting at pc lies at <c>pc·RoundUp(n, NR) + j·kc</c>.
    /// </summary>
    internal static void PackWhole(in GemmOperands g, float* dst)
    {
        // The panels are independent copies: a large B (a recurrent weight, packed at the start of every pass while the
        // other threads would wait) is split by whole panels over the kernel threads; the layout is the same either way.
        int panels = (g.N + TKernel.NR - 1) / TKernel.NR;
        int parts = (long)g.N * g.K >= ParallelPackSize ? Math.Min(KernelThreads.Usable, panels) : 1;
        fixed (GemmOperands* operands = &g)
        {
            var job = new PackJob { G = operands, Dst = dst, Parts = parts };
            KernelWorkers.Run(parts, parts, large: false, &PackPart, &job);   // on this thread when there is one part
        }
    }

    /// <summary>From this many elements of B, <see cref="PackWhole"/> splits its panels over the kernel threads.</summary>
    internal const long ParallelPackSize = 1L << 15;

    private struct PackJob
    {
        public GemmOperands* G;
        public float* Dst;
        public int Parts;
    }

    // Part p packs its even share of the NR-column panels, in every k-block.
    private static void PackPart(int part, void* state)
    {
        ref readonly PackJob j = ref *(PackJob*)state;
        ref readonly GemmOperands g = ref *j.G;
        int nr = TKernel.NR;
        var (j0, j1) = KernelWorkers.PartRange(g.N, nr, part, j.Parts);
        if (j0 >= j1) return;
        int kcMax = KBlockDepth(g.TransposeB, g.M, g.K);
        long width = RoundUp(g.N, nr);
        for (int pc = 0; pc < g.K; pc += kcMax)
        {
            int kc = Math.Min(kcMax, g.K - pc);
            GemmPacking<TKernel>.PackB(g, pc, kc, j0, j1 - j0, dst: j.Dst + pc * width + (long)j0 * kc);
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
