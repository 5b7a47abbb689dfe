using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// AVX-512 GEMM as dot products, for when op(A)'s rows and op(B)'s columns are both contiguous along k
/// (A row-major, B stored transposed or a single contiguous column) and C is narrow or short: a weight gradient
/// <c>dGates·Hᵀ</c> with few outputs, or a matrix-vector product (batch-1 inference's <c>h·W_hhᵀ</c>, or n = 1). There
/// the blocked kernel wastes most of each 16-lane vector on C's few columns and must transpose B first; here each vector
/// runs along k, nothing is packed, and 16 elements of C are computed at once (16 accumulators), their horizontal sums
/// taken together by one transposing reduction tree. Every element sums its k terms the same way whatever tile it falls
/// in: 16 lane-wise partial sums in k order, then <see cref="LaneSums512"/>'s tree, so results do not depend on how C is
/// split or on the tile shape.
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
    /// <remarks>
    /// The tile shape follows C's shape: 4×4 tiles (8 loads per 16 FMAs; 2 or 3 rows or columns at C's edge), but for a
    /// matrix-vector product (batch-1 inference, m = 1) the row of A against 16 columns at once, and for n = 1 the column
    /// of B against 16 rows at once (17 loads per 16 FMAs, all 16 results through one reduction). Measured (1T, k = 128,
    /// n = 384): m = 1 1.7 µs, m = 2 and 3 faster as 2×4 and 3×4 tiles than as rows against 16 columns. Every shape gives
    /// an element the same sum: its 16 lane-wise partial sums in k order, then <see cref="LaneSums512"/>'s tree.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmOperands g, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        long bRowStride = g.TransposeB ? g.Ldb : 0;   // with n = 1 there is only column 0
        if (g.M == 1)
            RunRowsAgainstSixteenColumns(g, rowStart, rowEnd, colStart, colEnd, bRowStride);
        else if (g.N == 1)
            RunColumnsAgainstSixteenRows(g, rowStart, rowEnd, colStart, colEnd, bRowStride);
        else
            RunSquareTiles(g, rowStart, rowEnd, colStart, colEnd, bRowStride);
    }

    private static void RunSquareTiles(in GemmOperands g, int rowStart, int rowEnd, int colStart, int colEnd, long bRowStride)
    {
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

    // A row vector times a matrix: A's row against 16 columns of B at a time; the last few columns in 1×4 tiles.
    private static void RunRowsAgainstSixteenColumns(in GemmOperands g, int rowStart, int rowEnd, int colStart, int colEnd, long bRowStride)
    {
        for (int i = rowStart; i < rowEnd; i++)
        {
            float* a = g.A + (long)i * g.Lda, c = g.C + (long)i * g.Ldc;
            int j = colStart;
            for (; j + 16 <= colEnd; j += 16)
            {
                var sums = Sixteen(g.K, a, g.B + j * bRowStride, bRowStride);
                if (g.Accumulate) sums += Vector512.Load(c + j);
                sums.Store(c + j);
            }
            for (; j < colEnd; j += 4)
                Tile(g, i, 1, j, Math.Min(4, colEnd - j), bRowStride);
        }
    }

    // A matrix times a column vector: B's column against 16 rows of A at a time; the last few rows in 4×1 tiles.
    private static void RunColumnsAgainstSixteenRows(in GemmOperands g, int rowStart, int rowEnd, int colStart, int colEnd, long bRowStride)
    {
        for (int j = colStart; j < colEnd; j++)
        {
            float* b = g.B + j * bRowStride;
            int i = rowStart;
            for (; i + 16 <= rowEnd; i += 16)
            {
                var sums = Sixteen(g.K, b, g.A + (long)i * g.Lda, g.Lda);
                float* c = g.C + (long)i * g.Ldc + j;
                for (int r = 0; r < 16; r++, c += g.Ldc)
                    *c = g.Accumulate ? *c + sums.GetElement(r) : sums.GetElement(r);
            }
            for (; i < rowEnd; i += 4)
                Tile(g, i, Math.Min(4, rowEnd - i), j, 1, bRowStride);
        }
    }

    /// <summary>
    /// Lane j of the result: the dot product of <paramref name="one"/> with the row at <paramref name="rows"/> +
    /// j·<paramref name="stride"/>, for j &lt; 16 (k elements each, all rows contiguous along k).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector512<float> Sixteen(int k, float* one, float* rows, long stride)
    {
        // Four base pointers, each with its rows at offsets 0, stride, 2·stride, 3·stride: every load is one
        // base + index·scale address, and the loop advances five pointers.
        float* r0 = rows, r4 = rows + 4 * stride, r8 = rows + 8 * stride, r12 = rows + 12 * stride;
        long s2 = 2 * stride, s3 = 3 * stride;
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        Vector512<float> c8 = default, c9 = default, c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
        int left = k;
        for (; left >= 16; left -= 16)
        {
            var x = Vector512.Load(one);
            FourRows<WholeChunk>(x, r0, stride, s2, s3, default, ref c0, ref c1, ref c2, ref c3);
            FourRows<WholeChunk>(x, r4, stride, s2, s3, default, ref c4, ref c5, ref c6, ref c7);
            FourRows<WholeChunk>(x, r8, stride, s2, s3, default, ref c8, ref c9, ref c10, ref c11);
            FourRows<WholeChunk>(x, r12, stride, s2, s3, default, ref c12, ref c13, ref c14, ref c15);
            one += 16; r0 += 16; r4 += 16; r8 += 16; r12 += 16;
        }
        if (left > 0)
        {
            // The last partial chunk: masked loads read only the remaining elements (and never fault past the end of
            // a row); the other lanes are zero and add nothing, as in the 4×4 tiles.
            var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(left)).AsSingle();
            var x = Avx512F.MaskLoad(one, mask, default);
            FourRows<MaskedChunk>(x, r0, stride, s2, s3, mask, ref c0, ref c1, ref c2, ref c3);
            FourRows<MaskedChunk>(x, r4, stride, s2, s3, mask, ref c4, ref c5, ref c6, ref c7);
            FourRows<MaskedChunk>(x, r8, stride, s2, s3, mask, ref c8, ref c9, ref c10, ref c11);
            FourRows<MaskedChunk>(x, r12, stride, s2, s3, mask, ref c12, ref c13, ref c14, ref c15);
        }
        return LaneSums512.Transposed(c0, c4, c8, c12, c1, c5, c9, c13, c2, c6, c10, c14, c3, c7, c11, c15);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRows<TChunk>(Vector512<float> x, float* r, long s1, long s2, long s3, Vector512<float> mask,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2, ref Vector512<float> c3)
        where TChunk : struct, IChunkLoad
    {
        c0 = Vector512.FusedMultiplyAdd(x, TChunk.Load(r, mask), c0);
        c1 = Vector512.FusedMultiplyAdd(x, TChunk.Load(r + s1, mask), c1);
        c2 = Vector512.FusedMultiplyAdd(x, TChunk.Load(r + s2, mask), c2);
        c3 = Vector512.FusedMultiplyAdd(x, TChunk.Load(r + s3, mask), c3);
    }

    private interface IChunkLoad
    {
        static abstract Vector512<float> Load(float* at, Vector512<float> mask);
    }

    private readonly struct WholeChunk : IChunkLoad
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(float* at, Vector512<float> mask) => Vector512.Load(at);
    }

    private readonly struct MaskedChunk : IChunkLoad
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(float* at, Vector512<float> mask) => Avx512F.MaskLoad(at, mask, default);
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

        // Lane 4r + s of the sums is C[r, s]; the accumulators of absent rows and columns are zero and ignored.
        var sums = LaneSums512.Transposed(s00, s10, s20, s30, s01, s11, s21, s31, s02, s12, s22, s32, s03, s13, s23, s33);
        StoreRow<TCols>(c, sums.GetLower().GetLower(), accumulate);
        if (rows > 1) StoreRow<TCols>(c + ldc, sums.GetLower().GetUpper(), accumulate);
        if (rows > 2) StoreRow<TCols>(c + 2 * ldc, sums.GetUpper().GetLower(), accumulate);
        if (rows > 3) StoreRow<TCols>(c + 3 * ldc, sums.GetUpper().GetUpper(), accumulate);
    }

    // Row r of a tile from quarter r of its sums (lane 4r + s is column s).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TCols>(float* c, Vector128<float> sums, bool accumulate)
        where TCols : struct, IGemmTileCount
    {
        if (TCols.Value == 4)
        {
            if (accumulate) sums += Vector128.Load(c);
            sums.Store(c);
            return;
        }
        for (int s = 0; s < TCols.Value; s++)
            c[s] = accumulate ? c[s] + sums.GetElement(s) : sums.GetElement(s);
    }

}
