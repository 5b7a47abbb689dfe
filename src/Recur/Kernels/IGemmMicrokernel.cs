namespace Recur.Kernels;

/// <summary>
/// A register-blocked GEMM microkernel and the cache-block sizes that suit it. The blocked driver
/// and the packing routines are generic over this, so each instruction set gets its own specialised copy.
/// </summary>
internal unsafe interface IGemmMicrokernel
{
    /// <summary>Rows of C per tile (the height of a packed A panel).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of C per tile (the width of a packed B panel).</summary>
    static abstract int NR { get; }

    /// <summary>Depth of one k-block: a packed B panel <c>KC×NR</c> should stay in L1.</summary>
    static abstract int KC { get; }

    /// <summary>Rows per A block: a packed A block <c>MC×KC</c> should stay in L2.</summary>
    static abstract int MC { get; }

    /// <summary>Columns per B block: a packed B block <c>KC×NC</c> should stay in L3.</summary>
    static abstract int NC { get; }

    /// <summary>
    /// <c>C[rows×cols] (=|+=) Apanel·Bpanel</c> over <paramref name="kc"/> steps. A value of step p, row r is
    /// <c>a[r·aRowStride + p·aStepStride]</c>: a packed panel has strides (1, MR); A read in place has
    /// (lda, 1), or (1, lda) when stored transposed. <paramref name="b"/> holds <c>kc</c> steps of <c>NR</c>
    /// contiguous floats, <paramref name="bStride"/> apart (<c>NR</c> when packed, the row stride of B when
    /// read in place). Only the valid <paramref name="rows"/> × <paramref name="cols"/> corner of C is
    /// written, and only the A rows below <paramref name="rows"/> are read.
    /// </summary>
    static abstract void Compute(int rows, int cols, int kc, float* a, nint aRowStride, nint aStepStride,
        float* b, int bStride, float* c, int ldc, bool overwrite);

    /// <summary>
    /// As <see cref="Compute"/> for A read in place transposed (strides (1, lda)), asking at every step for the cache line
    /// of A one line further along its rows: the tiles after this one read it, and the hardware prefetchers do not follow
    /// a stream whose steps are a row of A (2 KB and more) apart across pages. The same sums as <see cref="Compute"/>.
    /// </summary>
    static abstract void ComputeTransposedA(int rows, int cols, int kc, float* a, nint aStepStride,
        float* b, int bStride, float* c, int ldc, bool overwrite);
}
