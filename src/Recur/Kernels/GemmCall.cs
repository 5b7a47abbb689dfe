namespace Recur.Kernels;

/// <summary>
/// The arguments of one product for <see cref="Gemm.MultiplySideBySide"/>, as
/// <see cref="Gemm.Multiply(bool, bool, int, int, int, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, Span{float}, int, bool)"/>
/// takes them: <c>C[m×n] (+)= op(A)[m×k] · op(B)[k×n]</c>. The default value is no product.
/// </summary>
internal readonly ref struct GemmCall(bool transposeA, bool transposeB, int m, int n, int k,
    ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
{
    public bool Present { get; } = true;
    public bool TransposeA { get; } = transposeA;
    public bool TransposeB { get; } = transposeB;
    public int M { get; } = m;
    public int N { get; } = n;
    public int K { get; } = k;
    public ReadOnlySpan<float> A { get; } = a;
    public int Lda { get; } = lda;
    public ReadOnlySpan<float> B { get; } = b;
    public int Ldb { get; } = ldb;
    public Span<float> C { get; } = c;
    public int Ldc { get; } = ldc;
    public bool Accumulate { get; } = accumulate;
}
