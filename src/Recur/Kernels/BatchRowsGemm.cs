namespace Recur.Kernels;

/// <summary>
/// The per-step product of a recurrent time loop: some rows of a batch's <c>C[B×n] (+)= A[B×k] · op(B)</c>, on pinned
/// storage addressed by pointer. The GEMM is chosen for all B rows, whichever rows a part of the time loop computes, so
/// a row's sum does not depend on how the batch is split between threads (see <see cref="Gemm.MultiplyRows"/>).
/// </summary>
internal static unsafe class BatchRowsGemm
{
    /// <summary>
    /// Rows [<paramref name="b0"/>, <paramref name="b1"/>) of <c>C[batch×n] (+)= A[batch×k] · op(B)</c>, row-major with
    /// leading dimensions; <paramref name="a"/> and <paramref name="c"/> point at row 0 of the whole batch.
    /// </summary>
    public static void Multiply(int b0, int b1, int batch, bool transposeB, int n, int k, float* a, int lda, float* b, int ldb,
        float* c, int ldc, bool accumulate)
    {
        if (b0 == b1 || n == 0) return;
        int bRows = transposeB ? n : k, bCols = transposeB ? k : n;
        Gemm.MultiplyRows(b0, b1, false, transposeB, batch, n, k,
            new ReadOnlySpan<float>(a, Extent(batch, k, lda)), lda,
            new ReadOnlySpan<float>(b, Extent(bRows, bCols, ldb)), ldb,
            new Span<float>(c, Extent(batch, n, ldc)), ldc, accumulate);
    }

    private static int Extent(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;
}
