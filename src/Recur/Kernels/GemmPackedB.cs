namespace Recur.Kernels;

/// <summary>
/// Products that share one B, packed once: <c>C[m×n] (+)= A[m×k] · op(B)</c> for many A and C with the same op(B) — a
/// recurrent time loop's per-step <c>h_{t−1} · W_hhᵀ</c> and <c>dG_h · W_hh</c>, T of them per call with the same W_hh.
/// <see cref="Pack(bool, int, int, int, float*, int, float*)"/> lays op(B) out once in the panels the blocked kernel streams through; <see cref="MultiplyRows(int, int, bool, int, int, int, float*, int, float*, float*, int, bool)"/>
/// then reads them in place, so no call repacks B or reads it with the row stride of its storage (W_hhᵀ's 2 KB rows map
/// a 64-column panel onto 8 of the L1 cache's 64 sets, so every row tile re-read the panel from L2).
/// </summary>
/// <remarks>
/// The sums are those of <see cref="Gemm.MultiplyRows"/> with B unpacked, bit for bit: the packing follows that product's
/// k-blocks, the same kernel runs, and it is split between threads the same way. <see cref="Applies(bool, int, int, int)"/> says when the
/// product runs the blocked kernel at all (the dot-product kernel, chosen for some short or narrow shapes, has no panels).
/// The packing depends on m only through the k-blocks, so a buffer packed for m rows serves only products of m rows.
/// </remarks>
internal static unsafe class GemmPackedB
{
    /// <summary>Whether <c>A[m×k] · op(B)</c> runs the blocked kernel on this machine, so that B can be packed for it.</summary>
    public static bool Applies(bool transposeB, int m, int n, int k) => Applies(Gemm.BestPath, transposeB, m, n, k);

    /// <summary>As <see cref="Applies(bool, int, int, int)"/>, on a chosen code path (tests cover the AVX2 one with it).</summary>
    internal static bool Applies(GemmPath path, bool transposeB, int m, int n, int k)
    {
        if (m <= 0 || n <= 0 || k <= 0)
            return false;
        return path switch
        {
            GemmPath.Avx512 => !GemmDot512.Suits(new GemmOperands(false, transposeB, m, n, k, null, k, null, transposeB ? k : n, null, n, false)),
            GemmPath.Avx2 => true,
            _ => false,
        };
    }

    /// <summary>Floats a packed <c>op(B)[k×n]</c> takes (every panel padded to the kernel's width).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    public static long Length(int n, int k) => Length(Gemm.BestPath, n, k);

    /// <summary>As <see cref="Length(int, int)"/>, on a chosen code path.</summary>
    internal static long Length(GemmPath path, int n, int k)
    {
        if (n <= 0 || k <= 0)
            throw new ArgumentOutOfRangeException(n <= 0 ? nameof(n) : nameof(k), $"A packed B needs positive dimensions, got k = {k}, n = {n}.");
        return path == GemmPath.Avx512
            ? GemmBlocked<GemmMicrokernel512>.PackedLength(n, k)
            : GemmBlocked<GemmMicrokernel256>.PackedLength(n, k);
    }

    /// <summary>
    /// Packs op(B) for products of <paramref name="m"/> rows: B is stored <c>[k, ldb]</c>, or <c>[n, ldb]</c> when
    /// <paramref name="transposeB"/>; <paramref name="packed"/> holds <see cref="Length(int, int)"/> floats.
    /// </summary>
    /// <exception cref="InvalidOperationException">The product does not run the blocked kernel (<see cref="Applies(bool, int, int, int)"/>).</exception>
    public static void Pack(bool transposeB, int m, int n, int k, float* b, int ldb, float* packed)
        => Pack(Gemm.BestPath, transposeB, m, n, k, b, ldb, packed);

    /// <summary>As <see cref="Pack(bool, int, int, int, float*, int, float*)"/>, for a chosen code path's kernel.</summary>
    internal static void Pack(GemmPath path, bool transposeB, int m, int n, int k, float* b, int ldb, float* packed)
    {
        RequireApplies(path, transposeB, m, n, k);
        if (ldb < (transposeB ? k : n))
            throw new ArgumentException($"Packed B: ldb = {ldb} is smaller than a row of B ({(transposeB ? k : n)}).", nameof(ldb));
        var g = new GemmOperands(false, transposeB, m, n, k, null, k, b, ldb, null, n, false);
        if (path == GemmPath.Avx512)
            GemmBlocked<GemmMicrokernel512>.PackWhole(g, packed);
        else
            GemmBlocked<GemmMicrokernel256>.PackWhole(g, packed);
    }

    /// <summary>
    /// Rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of <c>C[m×n] (+)= A[m×k] · op(B)</c> with op(B) from
    /// <paramref name="packed"/> (made by <see cref="Pack(bool, int, int, int, float*, int, float*)"/> with the same transpose and shape): the bits
    /// <see cref="Gemm.MultiplyRows"/> gives with B itself. A and C are row-major with leading dimensions and point at
    /// row 0 of the whole product.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not within [0, m].</exception>
    /// <exception cref="InvalidOperationException">The product does not run the blocked kernel (<see cref="Applies(bool, int, int, int)"/>).</exception>
    public static void MultiplyRows(int rowStart, int rowEnd, bool transposeB, int m, int n, int k, float* a, int lda, float* packed,
        float* c, int ldc, bool accumulate)
        => MultiplyRows(Gemm.BestPath, rowStart, rowEnd, transposeB, m, n, k, a, lda, packed, c, ldc, accumulate);

    /// <summary>As the overload without a path, on a chosen code path (B packed for that path's kernel).</summary>
    internal static void MultiplyRows(GemmPath path, int rowStart, int rowEnd, bool transposeB, int m, int n, int k, float* a, int lda,
        float* packed, float* c, int ldc, bool accumulate)
    {
        if (rowStart < 0 || rowEnd < rowStart || rowEnd > m)
            throw new ArgumentOutOfRangeException(nameof(rowStart), $"Packed-B GEMM rows [{rowStart}, {rowEnd}) are not within the {m} rows of C.");
        if (rowStart == rowEnd)
            return;
        RequireApplies(path, transposeB, m, n, k);
        if (lda < k || ldc < n)
            throw new ArgumentException($"Packed-B GEMM: lda = {lda} must be at least k = {k} and ldc = {ldc} at least n = {n}.");
        var product = new GemmOperands(false, transposeB, m, n, k, a, lda, null, transposeB ? k : n, c, ldc, accumulate);
        var job = new GemmJob(new GemmOperands(product, packed), path, rowStart, rowEnd);
        GemmSplit.Run(ref job);
    }

    private static void RequireApplies(GemmPath path, bool transposeB, int m, int n, int k)
    {
        if (path == GemmPath.Avx512 && Gemm.BestPath != GemmPath.Avx512 || path == GemmPath.Avx2 && Gemm.BestPath == GemmPath.Scalar)
            throw new PlatformNotSupportedException($"GEMM path {path} is not supported on this CPU.");
        if (!Applies(path, transposeB, m, n, k))
            throw new InvalidOperationException(
                $"A[{m}×{k}]·{(transposeB ? "Bᵀ" : "B")} with n = {n} does not run the blocked GEMM kernel on path {path}, so B cannot be packed for it.");
    }
}
