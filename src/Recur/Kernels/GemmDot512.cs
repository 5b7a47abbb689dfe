using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// AVX-512 GEMM as dot products, for when op(A)'s rows and op(B)'s columns are both contiguous along k
/// (A row-major, B stored transposed or a single contiguous column) and C is narrow: a weight gradient
/// <c>dGates·Hᵀ</c> with few outputs, or a matrix-vector product (n = 1, batch-1 inference). There the
/// blocked kernel wastes most of each 16-lane vector on C's few columns and must transpose B first; here
/// each vector runs along k, nothing is packed, and 4×4 elements of C are computed at once (16 accumulators,
/// 8 loads per 16 FMAs). Every element sums its k terms the same way whatever tile it falls in: 16 lane-wise
/// partial sums in k order, then one horizontal sum, so results do not depend on how C is split.
/// </summary>
internal static unsafe class GemmDot512
{
    /// <summary>Whether the dot-product form applies to these operands and is the faster one.</summary>
    /// <remarks>
    /// Measured against the blocked kernel: dot products win when C is narrow (few lanes of the blocked
    /// kernel's vectors would be used) or short (the blocked kernel's transposing of B is then not repaid),
    /// provided k is long enough to pay for the horizontal sums; e.g. (40×3549)·(3549×10) 41 → 18 µs,
    /// (512×128)·(128×1) 14 → 3.2 µs, (4×1024)·(1024×512) 143 → 38 µs; but (40×40)·(40×10) 0.6 → 1.0 µs.
    /// </remarks>
    public static bool Suits(in GemmOperands g)
    {
        bool contiguousAlongK = !g.TransposeA && (g.TransposeB || g.N == 1 && g.Ldb == 1);
        if (!contiguousAlongK)
            return false;
        bool narrow = g.N <= 4 ? g.K >= 32 : g.N <= 12 ? g.K >= 128 : g.N <= 16 && g.K >= 512;
        bool shortC = g.M <= 2 ? g.K >= 32 : g.M <= 8 ? g.K >= 256 : g.M <= 16 && g.K >= 512;
        return narrow || shortC;
    }

    /// <summary>Computes rows [rowStart, rowEnd) × columns [colStart, colEnd) of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmOperands g, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        long bRowStride = g.TransposeB ? g.Ldb : 0;   // with n = 1 there is only column 0
        // Keep a group of rows of the larger operand hot and sweep the smaller one past it, so the operand
        // read many times is the one that fits in cache.
        bool rowsOuter = (long)g.M * g.K >= (long)g.N * g.K;
        if (rowsOuter)
        {
            for (int i = rowStart; i < rowEnd; i += 4)
                for (int j = colStart; j < colEnd; j += 4)
                    Tile(g, i, Math.Min(4, rowEnd - i), j, Math.Min(4, colEnd - j), bRowStride);
        }
        else
        {
            for (int j = colStart; j < colEnd; j += 4)
                for (int i = rowStart; i < rowEnd; i += 4)
                    Tile(g, i, Math.Min(4, rowEnd - i), j, Math.Min(4, colEnd - j), bRowStride);
        }
    }

    private static void Tile(in GemmOperands g, int i, int rows, int j, int cols, long bRowStride)
    {
        float* a = g.A + (long)i * g.Lda;
        float* b = g.B + j * bRowStride;
        float* c = g.C + (long)i * g.Ldc + j;
        switch (rows)
        {
            case 1: ForRows<Count1>(cols, g.K, a, g.Lda, b, bRowStride, c, g.Ldc, g.Accumulate); break;
            case 2: ForRows<Count2>(cols, g.K, a, g.Lda, b, bRowStride, c, g.Ldc, g.Accumulate); break;
            case 3: ForRows<Count3>(cols, g.K, a, g.Lda, b, bRowStride, c, g.Ldc, g.Accumulate); break;
            default: ForRows<Count4>(cols, g.K, a, g.Lda, b, bRowStride, c, g.Ldc, g.Accumulate); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForRows<TRows>(int cols, int k, float* a, long lda, float* b, long ldb, float* c, int ldc, bool accumulate)
        where TRows : struct, IGemmTileCount
    {
        switch (cols)
        {
            case 1: Dots<TRows, Count1>(k, a, lda, b, ldb, c, ldc, accumulate); break;
            case 2: Dots<TRows, Count2>(k, a, lda, b, ldb, c, ldc, accumulate); break;
            case 3: Dots<TRows, Count3>(k, a, lda, b, ldb, c, ldc, accumulate); break;
            default: Dots<TRows, Count4>(k, a, lda, b, ldb, c, ldc, accumulate); break;
        }
    }

    // C[r, s] (=|+=) dot(A row r, B row s) for r < TRows, s < TCols.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dots<TRows, TCols>(int k, float* a, long lda, float* b, long ldb, float* c, int ldc, bool accumulate)
        where TRows : struct, IGemmTileCount
        where TCols : struct, IGemmTileCount
    {
        int rows = TRows.Value, cols = TCols.Value;
        float* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda;
        float* b0 = b, b1 = b + ldb, b2 = b + 2 * ldb, b3 = b + 3 * ldb;
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;

        for (int p = 0; p < k; p += 16)
        {
            Vector512<float> x0, x1 = default, x2 = default, x3 = default, y0, y1 = default, y2 = default, y3 = default;
            if (p + 16 <= k)
            {
                x0 = Vector512.Load(a0 + p);
                if (rows > 1) x1 = Vector512.Load(a1 + p);
                if (rows > 2) x2 = Vector512.Load(a2 + p);
                if (rows > 3) x3 = Vector512.Load(a3 + p);
                y0 = Vector512.Load(b0 + p);
                if (cols > 1) y1 = Vector512.Load(b1 + p);
                if (cols > 2) y2 = Vector512.Load(b2 + p);
                if (cols > 3) y3 = Vector512.Load(b3 + p);
            }
            else
            {
                // The last partial step: masked loads read only the remaining k - p elements (and never
                // fault past the end of a row); the other lanes are zero and add nothing.
                Vector512<float> mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(k - p)).AsSingle();
                x0 = Avx512F.MaskLoad(a0 + p, mask, default);
                if (rows > 1) x1 = Avx512F.MaskLoad(a1 + p, mask, default);
                if (rows > 2) x2 = Avx512F.MaskLoad(a2 + p, mask, default);
                if (rows > 3) x3 = Avx512F.MaskLoad(a3 + p, mask, default);
                y0 = Avx512F.MaskLoad(b0 + p, mask, default);
                if (cols > 1) y1 = Avx512F.MaskLoad(b1 + p, mask, default);
                if (cols > 2) y2 = Avx512F.MaskLoad(b2 + p, mask, default);
                if (cols > 3) y3 = Avx512F.MaskLoad(b3 + p, mask, default);
            }

            s00 = Vector512.FusedMultiplyAdd(x0, y0, s00);
            if (cols > 1) s01 = Vector512.FusedMultiplyAdd(x0, y1, s01);
            if (cols > 2) s02 = Vector512.FusedMultiplyAdd(x0, y2, s02);
            if (cols > 3) s03 = Vector512.FusedMultiplyAdd(x0, y3, s03);
            if (rows > 1)
            {
                s10 = Vector512.FusedMultiplyAdd(x1, y0, s10);
                if (cols > 1) s11 = Vector512.FusedMultiplyAdd(x1, y1, s11);
                if (cols > 2) s12 = Vector512.FusedMultiplyAdd(x1, y2, s12);
                if (cols > 3) s13 = Vector512.FusedMultiplyAdd(x1, y3, s13);
            }
            if (rows > 2)
            {
                s20 = Vector512.FusedMultiplyAdd(x2, y0, s20);
                if (cols > 1) s21 = Vector512.FusedMultiplyAdd(x2, y1, s21);
                if (cols > 2) s22 = Vector512.FusedMultiplyAdd(x2, y2, s22);
                if (cols > 3) s23 = Vector512.FusedMultiplyAdd(x2, y3, s23);
            }
            if (rows > 3)
            {
                s30 = Vector512.FusedMultiplyAdd(x3, y0, s30);
                if (cols > 1) s31 = Vector512.FusedMultiplyAdd(x3, y1, s31);
                if (cols > 2) s32 = Vector512.FusedMultiplyAdd(x3, y2, s32);
                if (cols > 3) s33 = Vector512.FusedMultiplyAdd(x3, y3, s33);
            }
        }

        StoreRow<TCols>(c, s00, s01, s02, s03, accumulate);
        if (rows > 1) StoreRow<TCols>(c + ldc, s10, s11, s12, s13, accumulate);
        if (rows > 2) StoreRow<TCols>(c + 2 * ldc, s20, s21, s22, s23, accumulate);
        if (rows > 3) StoreRow<TCols>(c + 3 * ldc, s30, s31, s32, s33, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TCols>(float* c, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2,
        Vector512<float> v3, bool accumulate)
        where TCols : struct, IGemmTileCount
    {
        Store(c, v0, accumulate);
        if (TCols.Value > 1) Store(c + 1, v1, accumulate);
        if (TCols.Value > 2) Store(c + 2, v2, accumulate);
        if (TCols.Value > 3) Store(c + 3, v3, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* at, Vector512<float> partialSums, bool accumulate)
    {
        float sum = Vector512.Sum(partialSums);
        *at = accumulate ? *at + sum : sum;
    }
}
