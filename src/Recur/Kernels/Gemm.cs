using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// Single-precision matrix multiply on row-major storage:
/// <c>C[m×n] = op(A)[m×k] · op(B)[k×n]</c>, or <c>C += …</c> when <c>accumulate</c> is set.
/// </summary>
/// <remarks>
/// A cache-blocked kernel with a register-blocked SIMD microkernel (AVX-512 when available, else AVX2,
/// else scalar loops), plus, on AVX-512, a dot-product kernel for narrow or short products with a long k and an
/// outer-product kernel for <c>Aᵀ·B</c> with a long k and few columns (recurrent weight gradients).
/// Large products are split over rows or columns of C between up to <see cref="KernelThreads.Max"/>
/// threads; the kernel and the summation order over k are chosen for the whole product and never depend
/// on the split, so the result is bit-identical whatever the thread count. It does depend on the shape and
/// the CPU's instruction set. C must not overlap A or B. Steady-state calls allocate nothing.
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>
    /// General form with leading dimensions (row strides). A is stored <c>[m, lda]</c>, or <c>[k, lda]</c>
    /// when <paramref name="transposeA"/>; B is stored <c>[k, ldb]</c>, or <c>[n, ldb]</c> when
    /// <paramref name="transposeB"/>; C is stored <c>[m, ldc]</c>. Only the first <c>n</c> columns of each
    /// row of C are written; the padding up to <paramref name="ldc"/> is left untouched.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, a leading dimension is smaller than
    /// its row width, or a span is too short for the shape it is given with.</exception>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
        => Multiply(GemmPath.Auto, transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);

    /// <summary>Contiguous operands: A is <c>[m,k]</c> (<c>[k,m]</c> if transposed), B is <c>[k,n]</c> (<c>[n,k]</c> if transposed), C is <c>[m,n]</c>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or a span is too short for the shape.</exception>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
        => Multiply(transposeA, transposeB, m, n, k, a, transposeA ? m : k, b, transposeB ? k : n, c, n, accumulate);

    /// <summary>The code path the machine's best instruction set selects.</summary>
    internal static GemmPath BestPath { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? GemmPath.Avx512
        : Vector256.IsHardwareAccelerated ? GemmPath.Avx2
        : GemmPath.Scalar;

    /// <summary>
    /// True when <c>A · B</c> with B given row-major <c>[k, n]</c> sums every element of C in the same order — so to the
    /// same bits — as <c>A · (Bᵀ)ᵀ</c> with the same B stored transposed <c>[n, k]</c> (A row-major, m × n × k): both run
    /// the blocked kernel with the same k-blocks, and only where B is read from differs. A caller that multiplies by a
    /// transposed matrix many times can then transpose it once and skip the per-call repacking.
    /// </summary>
    internal static bool RowMajorBSumsAsTransposed(int m, int n, int k)
    {
        switch (BestPath)
        {
            case GemmPath.Avx512:
                var transposed = new GemmOperands(false, true, m, n, k, null, k, null, k, null, n, false);
                return !GemmDot512.Suits(transposed)
                    && GemmBlocked<GemmMicrokernel512>.KBlockDepth(false, m, k) == GemmBlocked<GemmMicrokernel512>.KBlockDepth(true, m, k);
            case GemmPath.Avx2:
                return GemmBlocked<GemmMicrokernel256>.KBlockDepth(false, m, k) == GemmBlocked<GemmMicrokernel256>.KBlockDepth(true, m, k);
            default:
                return false;
        }
    }

    /// <summary>
    /// True when a row times a transposed matrix, <c>(1×k)·(n×k)ᵀ</c>, runs as <see cref="GemmDot512"/>'s row against
    /// sixteen columns, whose sums <see cref="PackedRowDot512"/> repeats from W packed once.
    /// </summary>
    internal static bool RowTimesTransposedRunsAsDots(int n, int k)
    {
        var g = new GemmOperands(false, true, 1, n, k, null, k, null, k, null, n, false);
        return BestPath == GemmPath.Avx512 && !GemmOuter512.Suits(g) && GemmDot512.Suits(g);
    }

    /// <summary>As the public overload, on a chosen code path (tests use this to cover the fallbacks).</summary>
    internal static void Multiply(GemmPath path, bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
        => MultiplyOn(path, 0, m, transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);

    /// <summary>
    /// Only rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of C of the product the other arguments describe
    /// (whole operands, as for <see cref="Multiply(bool, bool, int, int, int, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, Span{float}, int, bool)"/>);
    /// other rows are not touched. Those rows get the same bits as from the whole product, because the kernel and its
    /// k-blocking are chosen for the whole of it: a product of just those rows would choose for its own, smaller m, and
    /// could sum in another order. Callers that split the rows of a product between threads themselves (the recurrent
    /// time loop) use this, so their results do not depend on the split.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not within [0, m].</exception>
    internal static void MultiplyRows(int rowStart, int rowEnd, bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
        => MultiplyOn(GemmPath.Auto, rowStart, rowEnd, transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);

    /// <summary>
    /// Up to three independent products (no C overlaps another product's operands), each as
    /// <see cref="Multiply(bool, bool, int, int, int, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, Span{float}, int, bool)"/>
    /// computes it, bit for bit, run side by side over the kernel threads (<see cref="GemmSplit.RunSideBySide"/>); a default
    /// <see cref="GemmCall"/> is skipped. Put the product to be shared out last.
    /// </summary>
    /// <exception cref="ArgumentException">A call's dimensions or spans do not fit, as for <c>Multiply</c>.</exception>
    internal static void MultiplySideBySide(in GemmCall first, in GemmCall second, in GemmCall last)
    {
        Span<GemmJob> jobs = stackalloc GemmJob[3];
        int count = 0;
        fixed (float* a0 = first.A, b0 = first.B, c0 = first.C, a1 = second.A, b1 = second.B, c1 = second.C, a2 = last.A, b2 = last.B, c2 = last.C)
        {
            AddJob(first, a0, b0, c0, jobs, ref count);
            AddJob(second, a1, b1, c1, jobs, ref count);
            AddJob(last, a2, b2, c2, jobs, ref count);
            GemmSplit.RunSideBySide(jobs[..count]);
        }
    }

    // Checks the call and adds it to the jobs, or, when it has nothing to multiply (an empty C or an empty sum), does it here.
    private static void AddJob(in GemmCall call, float* a, float* b, float* c, Span<GemmJob> jobs, ref int count)
    {
        if (!call.Present)
            return;
        GemmArguments.Validate(call.TransposeA, call.TransposeB, call.M, call.N, call.K, call.A.Length, call.Lda, call.B.Length, call.Ldb,
            call.C.Length, call.Ldc);
        if (call.M == 0 || call.N == 0 || call.K == 0)
        {
            MultiplyOn(BestPath, 0, call.M, call.TransposeA, call.TransposeB, call.M, call.N, call.K, call.A, call.Lda, call.B, call.Ldb,
                call.C, call.Ldc, call.Accumulate);
            return;
        }
        jobs[count++] = new GemmJob(new GemmOperands(call.TransposeA, call.TransposeB, call.M, call.N, call.K, a, call.Lda, b, call.Ldb, c,
            call.Ldc, call.Accumulate), BestPath, 0, call.M);
    }

    private static void MultiplyOn(GemmPath path, int rowStart, int rowEnd, bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (rowStart < 0 || rowEnd < rowStart || rowEnd > m)
            throw new ArgumentOutOfRangeException(nameof(rowStart), $"GEMM rows [{rowStart}, {rowEnd}) are not within the {m} rows of C.");
        if (rowStart == rowEnd || n == 0)
            return;
        if (path == GemmPath.Auto)
            path = BestPath;
        else if (path == GemmPath.Avx512 && BestPath != GemmPath.Avx512
            || path == GemmPath.Avx2 && !Vector256.IsHardwareAccelerated)
            throw new PlatformNotSupportedException($"GEMM path {path} is not supported on this CPU.");

        if (k == 0)
        {
            // An empty sum: C = 0, or C unchanged when accumulating.
            if (!accumulate)
                for (int i = rowStart; i < rowEnd; i++)
                    c.Slice(i * ldc, n).Clear();
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var job = new GemmJob(new GemmOperands(transposeA, transposeB, m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate), path,
                rowStart, rowEnd);
            GemmSplit.Run(ref job);
        }
    }
}

/// <summary>Which implementation runs a GEMM.</summary>
internal enum GemmPath
{
    /// <summary>The best the CPU supports.</summary>
    Auto,
    /// <summary>512-bit vectors, 6×64 microkernel.</summary>
    Avx512,
    /// <summary>256-bit vectors, 6×16 microkernel.</summary>
    Avx2,
    /// <summary>Plain loops.</summary>
    Scalar,
}
