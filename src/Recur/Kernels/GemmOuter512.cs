using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// AVX-512 GEMM as a sum of outer products, for <c>C = Aᵀ·B</c> with a long k and a small C: a recurrent layer's weight
/// gradients <c>dW_ih += dGatesᵀ·X</c> and <c>dW_hh += dGatesᵀ·H_prev</c>, where row r of the stored A (the gate
/// gradients of one batch row and step, m floats) and row r of B (its input, n floats) are both contiguous.
/// The blocked kernel packs both operands and fills a 6×64 tile with n = 5 or 10 useful columns; here a tile of C
/// (up to 32 rows as two vectors × up to 6 columns) stays in registers while r runs over k: each step loads one or two
/// vectors of A and adds them times each broadcast B[r, j]. Every element of C sums its k terms in the same blocks of
/// r = 0, 1, … whatever tile it falls in, so the result does not depend on how C is split between threads.
/// </summary>
internal static unsafe class GemmOuter512
{
    /// <summary>Terms of k summed in registers before they are added to the total.</summary>
    private const int BlockK = 128;

    /// <summary>Whether the outer-product form applies and is the faster one.</summary>
    /// <remarks>
    /// Measured single-threaded against the blocked kernel (best of 5 × 300 calls, 2026-11-23): (40×3549)ᵀ·(3549×5)
    /// 48 → 14 µs, (40×3549)ᵀ·(3549×10) 49 → 27 µs, (40×256)ᵀ·(256×10) 3.3 → 2.5 µs, (64×300)ᵀ·(300×16) 5.5 → 4.2 µs;
    /// (64×3549)ᵀ·(3549×16) level (75 µs); with n = 32 the blocked kernel is faster (58 vs 64 µs), so n ≤ 16.
    /// </remarks>
    public static bool Suits(in GemmOperands g) => g.TransposeA && !g.TransposeB && g.K >= 256 && g.M <= 64 && g.N <= 16;

    /// <summary>Computes rows [rowStart, rowEnd) × columns [colStart, colEnd) of C.</summary>
    public static void Run(in GemmOperands g, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        float* tile = stackalloc float[6 * 32];
        for (int i = rowStart; i < rowEnd; i += 32)
        {
            int rows = Math.Min(32, rowEnd - i);
            for (int j = colStart; j < colEnd; j += 6)
            {
                int cols = Math.Min(6, colEnd - j);
                if (rows > 16) ForColumns<Count2>(g, i, rows, j, cols, tile);
                else ForColumns<Count1>(g, i, rows, j, cols, tile);
            }
        }
    }

    private static void ForColumns<TVectors>(in GemmOperands g, int i, int rows, int j, int cols, float* tile) where TVectors : struct, IGemmTileCount
    {
        // k in blocks of BlockK at fixed positions: each block is summed in registers, then added to the running total,
        // which keeps the rounding error of a long sum down (as the blocked kernel's k panels do).
        new Span<float>(tile, 6 * 32).Clear();
        for (int r0 = 0; r0 < g.K; r0 += BlockK)
        {
            int r1 = Math.Min(g.K, r0 + BlockK);
            switch (cols)
            {
                case 1: Tile<TVectors, Count1>(g, i, rows, j, tile, r0, r1); break;
                case 2: Tile<TVectors, Count2>(g, i, rows, j, tile, r0, r1); break;
                case 3: Tile<TVectors, Count3>(g, i, rows, j, tile, r0, r1); break;
                case 4: Tile<TVectors, Count4>(g, i, rows, j, tile, r0, r1); break;
                case 5: Tile<TVectors, Count5>(g, i, rows, j, tile, r0, r1); break;
                default: Tile<TVectors, Count6>(g, i, rows, j, tile, r0, r1); break;
            }
        }
        // The accumulators ran along C's rows; C is row-major, so each column is a strided write.
        for (int row = 0; row < rows; row++)
        {
            float* target = g.C + (long)(i + row) * g.Ldc + j;
            for (int col = 0; col < cols; col++)
                target[col] = g.Accumulate ? target[col] + tile[col * 32 + row] : tile[col * 32 + row];
        }
    }

    /// <summary>C[i .. i+rows, j .. j+TCols] as TVectors vectors per column (the last one masked to the rows left).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TVectors, TCols>(in GemmOperands g, int i, int rows, int j, float* tile, int rStart, int rEnd)
        where TVectors : struct, IGemmTileCount where TCols : struct, IGemmTileCount
    {
        int cols = TCols.Value;
        var mask0 = Mask(Math.Min(rows, 16));
        var mask1 = Mask(rows - 16);
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
        long lda = g.Lda, ldb = g.Ldb;
        float* a = g.A + rStart * lda + i, b = g.B + rStart * ldb + j;
        for (int r = rStart; r < rEnd; r++, a += lda, b += ldb)
        {
            var a0 = Avx512F.MaskLoad(a, mask0, Vector512<float>.Zero);
            var a1 = TVectors.Value > 1 ? Avx512F.MaskLoad(a + 16, mask1, Vector512<float>.Zero) : default;
            var x = Vector512.Create(b[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, x, c00);
            if (TVectors.Value > 1) c10 = Avx512F.FusedMultiplyAdd(a1, x, c10);
            if (cols > 1)
            {
                x = Vector512.Create(b[1]);
                c01 = Avx512F.FusedMultiplyAdd(a0, x, c01);
                if (TVectors.Value > 1) c11 = Avx512F.FusedMultiplyAdd(a1, x, c11);
            }
            if (cols > 2)
            {
                x = Vector512.Create(b[2]);
                c02 = Avx512F.FusedMultiplyAdd(a0, x, c02);
                if (TVectors.Value > 1) c12 = Avx512F.FusedMultiplyAdd(a1, x, c12);
            }
            if (cols > 3)
            {
                x = Vector512.Create(b[3]);
                c03 = Avx512F.FusedMultiplyAdd(a0, x, c03);
                if (TVectors.Value > 1) c13 = Avx512F.FusedMultiplyAdd(a1, x, c13);
            }
            if (cols > 4)
            {
                x = Vector512.Create(b[4]);
                c04 = Avx512F.FusedMultiplyAdd(a0, x, c04);
                if (TVectors.Value > 1) c14 = Avx512F.FusedMultiplyAdd(a1, x, c14);
            }
            if (cols > 5)
            {
                x = Vector512.Create(b[5]);
                c05 = Avx512F.FusedMultiplyAdd(a0, x, c05);
                if (TVectors.Value > 1) c15 = Avx512F.FusedMultiplyAdd(a1, x, c15);
            }
        }

        // Added into the caller's buffer (column q at tile + 32q): a call or a buffer of this method's own after the loop
        // makes the JIT keep the accumulators in memory through it.
        Add(tile, c00, c10);
        if (cols > 1) Add(tile + 32, c01, c11);
        if (cols > 2) Add(tile + 64, c02, c12);
        if (cols > 3) Add(tile + 96, c03, c13);
        if (cols > 4) Add(tile + 128, c04, c14);
        if (cols > 5) Add(tile + 160, c05, c15);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(float* column, Vector512<float> first, Vector512<float> second)
    {
        (Vector512.Load(column) + first).Store(column);
        (Vector512.Load(column + 16) + second).Store(column + 16);
    }

    private static Vector512<float> Mask(int lanes) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(Math.Max(lanes, 0))).AsSingle();
}
