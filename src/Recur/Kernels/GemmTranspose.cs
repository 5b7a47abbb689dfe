using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// 16×16 in-register transpose with AVX-512, for packing a transposed B: 16 rows of the storage (16
/// columns of op(B)) become 16 steps of a packed panel. Four rounds of 16 shuffles move 256 floats, several
/// times faster than element-by-element copying, which made transposed-B products ~30 % slower.
/// </summary>
internal static unsafe class GemmTranspose
{
    /// <summary>
    /// Reads <paramref name="rows"/> (≤ 16) rows of 16 floats, <paramref name="ldSource"/> apart, and writes
    /// 16 rows of 16 floats, <paramref name="ldDestination"/> apart, where output row p is input column p.
    /// Missing input rows read as zeros, so the output is zero-padded on the right.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block16(float* source, long ldSource, int rows, float* destination, long ldDestination)
    {
        Vector512<float> r0 = Row(source, ldSource, 0, rows), r1 = Row(source, ldSource, 1, rows);
        Vector512<float> r2 = Row(source, ldSource, 2, rows), r3 = Row(source, ldSource, 3, rows);
        Vector512<float> r4 = Row(source, ldSource, 4, rows), r5 = Row(source, ldSource, 5, rows);
        Vector512<float> r6 = Row(source, ldSource, 6, rows), r7 = Row(source, ldSource, 7, rows);
        Vector512<float> r8 = Row(source, ldSource, 8, rows), r9 = Row(source, ldSource, 9, rows);
        Vector512<float> r10 = Row(source, ldSource, 10, rows), r11 = Row(source, ldSource, 11, rows);
        Vector512<float> r12 = Row(source, ldSource, 12, rows), r13 = Row(source, ldSource, 13, rows);
        Vector512<float> r14 = Row(source, ldSource, 14, rows), r15 = Row(source, ldSource, 15, rows);

        // Round 1: interleave 32-bit elements of row pairs within each 128-bit lane.
        // In lane L, t(2i) = [a4L, b4L, a4L+1, b4L+1] and t(2i+1) = [a4L+2, b4L+2, a4L+3, b4L+3] for rows a, b = 2i, 2i+1.
        Vector512<float> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<float> t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<float> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<float> t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<float> t8 = Avx512F.UnpackLow(r8, r9), t9 = Avx512F.UnpackHigh(r8, r9);
        Vector512<float> t10 = Avx512F.UnpackLow(r10, r11), t11 = Avx512F.UnpackHigh(r10, r11);
        Vector512<float> t12 = Avx512F.UnpackLow(r12, r13), t13 = Avx512F.UnpackHigh(r12, r13);
        Vector512<float> t14 = Avx512F.UnpackLow(r14, r15), t15 = Avx512F.UnpackHigh(r14, r15);

        // Round 2: interleave 64-bit pairs. In lane L, u(4g+q) holds rows 4g..4g+3 at column 4L+q.
        Vector512<float> u0 = UnpackLow64(t0, t2), u1 = UnpackHigh64(t0, t2), u2 = UnpackLow64(t1, t3), u3 = UnpackHigh64(t1, t3);
        Vector512<float> u4 = UnpackLow64(t4, t6), u5 = UnpackHigh64(t4, t6), u6 = UnpackLow64(t5, t7), u7 = UnpackHigh64(t5, t7);
        Vector512<float> u8 = UnpackLow64(t8, t10), u9 = UnpackHigh64(t8, t10), u10 = UnpackLow64(t9, t11), u11 = UnpackHigh64(t9, t11);
        Vector512<float> u12 = UnpackLow64(t12, t14), u13 = UnpackHigh64(t12, t14), u14 = UnpackLow64(t13, t15), u15 = UnpackHigh64(t13, t15);

        // Rounds 3 and 4: gather lane L of u(q), u(4+q), u(8+q), u(12+q) into output row 4L+q.
        Lanes(u0, u4, u8, u12, destination, ldDestination);
        Lanes(u1, u5, u9, u13, destination + ldDestination, ldDestination);
        Lanes(u2, u6, u10, u14, destination + 2 * ldDestination, ldDestination);
        Lanes(u3, u7, u11, u15, destination + 3 * ldDestination, ldDestination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Row(float* source, long ldSource, int row, int rows)
        => row < rows ? Vector512.Load(source + row * ldSource) : Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> UnpackLow64(Vector512<float> a, Vector512<float> b)
        => Avx512F.UnpackLow(a.AsDouble(), b.AsDouble()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> UnpackHigh64(Vector512<float> a, Vector512<float> b)
        => Avx512F.UnpackHigh(a.AsDouble(), b.AsDouble()).AsSingle();

    // a, b, c, d hold rows 0-3, 4-7, 8-11, 12-15; writes lane L of each, side by side, to output row 4L.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lanes(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d,
        float* destination, long ldDestination)
    {
        // 0x88 picks 128-bit lanes (0, 2) of each source, 0xDD lanes (1, 3).
        Vector512<float> evenAB = Avx512F.Shuffle4x128(a, b, 0x88), oddAB = Avx512F.Shuffle4x128(a, b, 0xDD);
        Vector512<float> evenCD = Avx512F.Shuffle4x128(c, d, 0x88), oddCD = Avx512F.Shuffle4x128(c, d, 0xDD);
        Vector512.Store(Avx512F.Shuffle4x128(evenAB, evenCD, 0x88), destination);                      // lane 0
        Vector512.Store(Avx512F.Shuffle4x128(oddAB, oddCD, 0x88), destination + 4 * ldDestination);    // lane 1
        Vector512.Store(Avx512F.Shuffle4x128(evenAB, evenCD, 0xDD), destination + 8 * ldDestination);  // lane 2
        Vector512.Store(Avx512F.Shuffle4x128(oddAB, oddCD, 0xDD), destination + 12 * ldDestination);   // lane 3
    }
}
