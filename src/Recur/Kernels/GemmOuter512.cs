using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// AVX-512 GEMM as a sum of outer products, for <c>C = Aᵀ·B</c> with A stored <c>[k, lda]</c>, B stored
/// <c>[k, ldb]</c>, a long k and a small C: the shape of a recurrent weight gradient <c>dGᵀ·X</c> (k = time
/// steps × batch; m = gate width and n = input or hidden width, both small). Row r of the stored A is
/// contiguous along C's rows and row r of B along C's columns, so <c>C = Σ_r a_r ⊗ b_r</c>. A tile of up to
/// 48 rows × 8 columns of C stays in 24 zmm accumulators, each holding 16 rows of one column; every step r
/// loads the tile's rows of a_r once (a masked load for a ragged last vector) and does one FMA per vector and
/// column with <c>B[r, j]</c> broadcast. Nothing is packed, and the blocked kernel's 6×64 tile, which C's few
/// columns would mostly leave empty, is not used.
/// </summary>
/// <remarks>
/// For accuracy, k is summed in blocks of <see cref="BlockSteps"/> steps: each block in registers, then added
/// to the tile's running total. The blocks start at multiples of <see cref="BlockSteps"/> and every tile
/// runs the whole of k, so each element of C sees the same additions in the same order whatever tile, lane or
/// thread computes it: results do not depend on how C is split.
/// </remarks>
internal static unsafe class GemmOuter512
{
    /// <summary>Steps of k summed in registers before being added to the running total.</summary>
    internal const int BlockSteps = 256;

    /// <summary>Vectors of 16 rows in a tile (3 vectors × 8 columns = 24 accumulators, of 32 registers).</summary>
    internal const int MaxVectors = 3;

    /// <summary>Columns in a tile.</summary>
    internal const int MaxColumns = 8;

    /// <summary>Whether the outer-product form applies to these operands and is the faster one.</summary>
    /// <remarks>
    /// Measured against the blocked kernel on one thread, as C's m×n at a given k (µs, best of 7 × up to 300
    /// calls): with few columns the outer products win at any k worth the name, e.g. 40×5 at k = 3549 46.6 → 7.8,
    /// 40×10 at k = 3549 47.5 → 15.3, 1024×8 at k = 3549 1989 → 754, 40×10 at k = 16 0.45 → 0.35; with 16 columns
    /// only from k ≈ 128 (128×16 at k = 128 4.6 → 3.7, but 40×16 at k = 40 0.57 → 0.95); up to 40 columns only
    /// with a long k and a small C (32×32 at k = 3840 56.8 → 36.8, 40×40 at k = 3549 81.6 → 65.0, 32×32 at
    /// k = 256 4.1 → 3.3, level at 96×40 and 128×32, but 32×32 at k = 40 0.63 → 1.12). Wider C stays blocked:
    /// 64×48 at k = 3549 137 → 155, 64×64 at k = 3000 113 → 161, 40×100 at k = 3549 174 → 292, 384×128 at
    /// k = 2800 1343 → 3796.
    /// </remarks>
    public static bool Suits(in GemmOperands g)
    {
        if (!g.TransposeA || g.TransposeB)
            return false;
        // The blocked kernel's 64-lane rows of C are mostly empty when C has few columns; as the columns grow it
        // fills them, while here A is re-read once per 8 columns and each tile ends with a strided write of C,
        // costs a short k does not repay.
        return g.N <= 12 ? g.K >= 16
            : g.N <= 16 ? g.K >= 128
            : g.N <= 40 && (long)g.M * g.N <= 4096 && g.K >= 256;
    }

    /// <summary>Computes rows [rowStart, rowEnd) × columns [colStart, colEnd) of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmOperands g, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        // The running totals of one tile, column by column (MaxVectors vectors each), between k-blocks.
        Vector512<float>* totals = stackalloc Vector512<float>[MaxVectors * MaxColumns];

        // Tiles as even as the counts allow, so a ragged edge does not leave a narrow tile with too few
        // independent accumulators to hide the FMA latency (e.g. 10 columns as 5 + 5, not 8 + 2); only the
        // last row tile has a partly filled vector.
        int vectors = (rowEnd - rowStart + 15) / 16;
        int rowTiles = (vectors + MaxVectors - 1) / MaxVectors;
        int cols = colEnd - colStart;
        int colTiles = (cols + MaxColumns - 1) / MaxColumns;
        int i = rowStart;
        for (int t = 0; t < rowTiles; t++)
        {
            int tileVectors = vectors / rowTiles + (t < vectors % rowTiles ? 1 : 0);
            int tileRows = Math.Min(16 * tileVectors, rowEnd - i);
            int j = colStart;
            for (int u = 0; u < colTiles; u++)
            {
                int tileCols = cols / colTiles + (u < cols % colTiles ? 1 : 0);
                Tile(g, i, tileRows, j, tileCols, totals);
                j += tileCols;
            }
            i += tileRows;
        }
    }

    private static void Tile(in GemmOperands g, int i, int rows, int j, int cols, Vector512<float>* totals)
    {
        float* a = g.A + i;
        float* b = g.B + j;
        switch ((rows + 15) / 16)
        {
            case 1: ForVectors<Count1>(cols, g.K, a, g.Lda, b, g.Ldb, rows, totals); break;
            case 2: ForVectors<Count2>(cols, g.K, a, g.Lda, b, g.Ldb, rows, totals); break;
            default: ForVectors<Count3>(cols, g.K, a, g.Lda, b, g.Ldb, rows, totals); break;
        }
        WriteTile(g.C + (long)i * g.Ldc + j, g.Ldc, rows, cols, (float*)totals, g.Accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForVectors<TVectors>(int cols, int k, float* a, int lda, float* b, int ldb, int rows, Vector512<float>* totals)
        where TVectors : struct, IGemmTileCount
    {
        switch (cols)
        {
            case 1: Outer<TVectors, Count1>(k, a, lda, b, ldb, rows, totals); break;
            case 2: Outer<TVectors, Count2>(k, a, lda, b, ldb, rows, totals); break;
            case 3: Outer<TVectors, Count3>(k, a, lda, b, ldb, rows, totals); break;
            case 4: Outer<TVectors, Count4>(k, a, lda, b, ldb, rows, totals); break;
            case 5: Outer<TVectors, Count5>(k, a, lda, b, ldb, rows, totals); break;
            case 6: Outer<TVectors, Count6>(k, a, lda, b, ldb, rows, totals); break;
            case 7: Outer<TVectors, Count7>(k, a, lda, b, ldb, rows, totals); break;
            default: Outer<TVectors, Count8>(k, a, lda, b, ldb, rows, totals); break;
        }
    }

    // totals[column · MaxVectors + vector] = Σ_r A[r, vector rows] · B[r, column] for vector < TVectors, column < TCols.
    // Vectors and columns beyond the counts compile away.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Outer<TVectors, TCols>(int k, float* a, int lda, float* b, int ldb, int rows, Vector512<float>* totals)
        where TVectors : struct, IGemmTileCount
        where TCols : struct, IGemmTileCount
    {
        int vectors = TVectors.Value, cols = TCols.Value;
        // The last vector may reach past the tile's rows: a masked load reads only its valid lanes (and never
        // faults past the end of A); the other lanes stay zero and are never written to C.
        int lastLanes = rows - 16 * (vectors - 1);
        Vector512<float> lastMask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(lastLanes)).AsSingle();

        for (int blockStart = 0; blockStart < k; blockStart += BlockSteps)
        {
            int blockEnd = Math.Min(k, blockStart + BlockSteps);
            Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default, s04 = default, s05 = default, s06 = default, s07 = default;
            Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default, s14 = default, s15 = default, s16 = default, s17 = default;
            Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default, s24 = default, s25 = default, s26 = default, s27 = default;
            for (int r = blockStart; r < blockEnd; r++)
            {
                Vector512<float> x0, x1 = default, x2 = default, y;
                if (vectors == 1)
                {
                    x0 = Avx512F.MaskLoad(a, lastMask, default);
                }
                else if (vectors == 2)
                {
                    x0 = Vector512.Load(a);
                    x1 = Avx512F.MaskLoad(a + 16, lastMask, default);
                }
                else
                {
                    x0 = Vector512.Load(a);
                    x1 = Vector512.Load(a + 16);
                    x2 = Avx512F.MaskLoad(a + 32, lastMask, default);
                }

                y = Vector512.Create(b[0]);
                s00 = Vector512.FusedMultiplyAdd(x0, y, s00);
                if (vectors > 1) s10 = Vector512.FusedMultiplyAdd(x1, y, s10);
                if (vectors > 2) s20 = Vector512.FusedMultiplyAdd(x2, y, s20);
                if (cols > 1)
                {
                    y = Vector512.Create(b[1]);
                    s01 = Vector512.FusedMultiplyAdd(x0, y, s01);
                    if (vectors > 1) s11 = Vector512.FusedMultiplyAdd(x1, y, s11);
                    if (vectors > 2) s21 = Vector512.FusedMultiplyAdd(x2, y, s21);
                }
                if (cols > 2)
                {
                    y = Vector512.Create(b[2]);
                    s02 = Vector512.FusedMultiplyAdd(x0, y, s02);
                    if (vectors > 1) s12 = Vector512.FusedMultiplyAdd(x1, y, s12);
                    if (vectors > 2) s22 = Vector512.FusedMultiplyAdd(x2, y, s22);
                }
                if (cols > 3)
                {
                    y = Vector512.Create(b[3]);
                    s03 = Vector512.FusedMultiplyAdd(x0, y, s03);
                    if (vectors > 1) s13 = Vector512.FusedMultiplyAdd(x1, y, s13);
                    if (vectors > 2) s23 = Vector512.FusedMultiplyAdd(x2, y, s23);
                }
                if (cols > 4)
                {
                    y = Vector512.Create(b[4]);
                    s04 = Vector512.FusedMultiplyAdd(x0, y, s04);
                    if (vectors > 1) s14 = Vector512.FusedMultiplyAdd(x1, y, s14);
                    if (vectors > 2) s24 = Vector512.FusedMultiplyAdd(x2, y, s24);
                }
                if (cols > 5)
                {
                    y = Vector512.Create(b[5]);
                    s05 = Vector512.FusedMultiplyAdd(x0, y, s05);
                    if (vectors > 1) s15 = Vector512.FusedMultiplyAdd(x1, y, s15);
                    if (vectors > 2) s25 = Vector512.FusedMultiplyAdd(x2, y, s25);
                }
                if (cols > 6)
                {
                    y = Vector512.Create(b[6]);
                    s06 = Vector512.FusedMultiplyAdd(x0, y, s06);
                    if (vectors > 1) s16 = Vector512.FusedMultiplyAdd(x1, y, s16);
                    if (vectors > 2) s26 = Vector512.FusedMultiplyAdd(x2, y, s26);
                }
                if (cols > 7)
                {
                    y = Vector512.Create(b[7]);
                    s07 = Vector512.FusedMultiplyAdd(x0, y, s07);
                    if (vectors > 1) s17 = Vector512.FusedMultiplyAdd(x1, y, s17);
                    if (vectors > 2) s27 = Vector512.FusedMultiplyAdd(x2, y, s27);
                }
                a += lda;
                b += ldb;
            }

            bool first = blockStart == 0;
            Fold<TVectors>(totals + 0 * MaxVectors, s00, s10, s20, first);
            if (cols > 1) Fold<TVectors>(totals + 1 * MaxVectors, s01, s11, s21, first);
            if (cols > 2) Fold<TVectors>(totals + 2 * MaxVectors, s02, s12, s22, first);
            if (cols > 3) Fold<TVectors>(totals + 3 * MaxVectors, s03, s13, s23, first);
            if (cols > 4) Fold<TVectors>(totals + 4 * MaxVectors, s04, s14, s24, first);
            if (cols > 5) Fold<TVectors>(totals + 5 * MaxVectors, s05, s15, s25, first);
            if (cols > 6) Fold<TVectors>(totals + 6 * MaxVectors, s06, s16, s26, first);
            if (cols > 7) Fold<TVectors>(totals + 7 * MaxVectors, s07, s17, s27, first);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fold<TVectors>(Vector512<float>* total, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, bool first)
        where TVectors : struct, IGemmTileCount
    {
        total[0] = first ? s0 : total[0] + s0;
        if (TVectors.Value > 1) total[1] = first ? s1 : total[1] + s1;
        if (TVectors.Value > 2) total[2] = first ? s2 : total[2] + s2;
    }

    // The totals hold columns of the tile (16 rows per vector); C is row-major, so each goes to a strided column.
    // Once per tile, this costs little next to the k steps.
    private static void WriteTile(float* c, int ldc, int rows, int cols, float* totals, bool accumulate)
    {
        for (int j = 0; j < cols; j++)
        {
            float* column = totals + j * MaxVectors * 16;
            for (int i = 0; i < rows; i++)
            {
                float* at = c + (long)i * ldc + j;
                *at = accumulate ? *at + column[i] : column[i];
            }
        }
    }
}
