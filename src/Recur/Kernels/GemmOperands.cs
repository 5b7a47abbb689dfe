namespace Recur.Kernels;

/// <summary>
/// The operands of one GEMM call as raw pointers, so the parts of a parallel call can share them
/// through a pointer to the caller's stack. Valid only while the caller keeps the spans pinned.
/// </summary>
internal readonly unsafe struct GemmOperands
{
    public readonly float* A;
    public readonly float* B;
    public readonly float* C;
    public readonly int Lda, Ldb, Ldc;
    public readonly int M, N, K;
    public readonly bool TransposeA, TransposeB, Accumulate;

    /// <summary>
    /// op(B) already in the blocked kernel's panels (<see cref="GemmPackedB"/>), or null. When set, <see cref="B"/> is not
    /// read; the k-blocks and the kernel are those the product would have with <see cref="B"/>, so the sums are the same.
    /// </summary>
    public readonly float* PackedB;

    public GemmOperands(bool transposeA, bool transposeB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        A = a; B = b; C = c;
        Lda = lda; Ldb = ldb; Ldc = ldc;
        M = m; N = n; K = k;
        TransposeA = transposeA; TransposeB = transposeB; Accumulate = accumulate;
    }

    /// <summary>The same product with op(B) read from panels packed beforehand.</summary>
    public GemmOperands(in GemmOperands product, float* packedB)
    {
        this = product;
        PackedB = packedB;
    }
}
