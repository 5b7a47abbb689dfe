using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// The horizontal sums of sixteen 16-lane vectors at once, as one vector of sixteen sums: a transposing reduction tree
/// (15 additions and 30 shuffles) instead of sixteen separate horizontal sums (about 130 instructions). Every vector's
/// lanes are added in one fixed tree, whichever of the sixteen arguments it is and whatever the others hold:
/// lanes <c>i</c> and <c>i + 8</c> (i &lt; 8), then those sums at distance 4, then 2, then 1 (the tests compare it bit for
/// bit with that tree written out on one vector). A GEMM kernel that gives every element of C its sum through
/// this tree therefore sums each element in the same order whichever tile shape computes it.
/// </summary>
internal static class LaneSums512
{
    /// <summary>
    /// The sum of each argument's lanes, in lane order of the argument list read column-wise: the result's lane
    /// <c>4q + f</c> is the sum of argument <c>4f + q</c>. A caller with sixteen accumulators <c>c0…c15</c> whose sums
    /// belong at lanes 0…15 passes them as <c>c0, c4, c8, c12, c1, c5, c9, c13, c2, c6, c10, c14, c3, c7, c11, c15</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Transposed(
        Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3,
        Vector512<float> v4, Vector512<float> v5, Vector512<float> v6, Vector512<float> v7,
        Vector512<float> v8, Vector512<float> v9, Vector512<float> v10, Vector512<float> v11,
        Vector512<float> v12, Vector512<float> v13, Vector512<float> v14, Vector512<float> v15)
    {
        // Lanes i + (i + 8): each result holds two arguments' eight partial sums, the first in its low half.
        var w0 = Halves(v0, v1);
        var w1 = Halves(v2, v3);
        var w2 = Halves(v4, v5);
        var w3 = Halves(v6, v7);
        var w4 = Halves(v8, v9);
        var w5 = Halves(v10, v11);
        var w6 = Halves(v12, v13);
        var w7 = Halves(v14, v15);
        // Then at distance 4: 128-bit quarter q of u_m holds the four partial sums of argument 4m + q.
        var u0 = Quarters(w0, w1);
        var u1 = Quarters(w2, w3);
        var u2 = Quarters(w4, w5);
        var u3 = Quarters(w6, w7);
        // Then at distance 2, within each quarter: [u_a's two, u_b's two].
        var x0 = Pairs(u0, u1);
        var x1 = Pairs(u2, u3);
        // Then the last pair: quarter q holds the sums of arguments q, 4 + q, 8 + q, 12 + q.
        return Avx512F.Shuffle(x0, x1, 0b10_00_10_00) + Avx512F.Shuffle(x0, x1, 0b11_01_11_01);
    }

    // [a.q0 + a.q2, a.q1 + a.q3, b.q0 + b.q2, b.q1 + b.q3]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Halves(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0b01_00_01_00) + Avx512F.Shuffle4x128(a, b, 0b11_10_11_10);

    // [a.q0 + a.q1, a.q2 + a.q3, b.q0 + b.q1, b.q2 + b.q3]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Quarters(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0b10_00_10_00) + Avx512F.Shuffle4x128(a, b, 0b11_01_11_01);

    // Per quarter, from a = [a0 a1 a2 a3] and b = [b0 b1 b2 b3]: [a0 + a2, a1 + a3, b0 + b2, b1 + b3].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pairs(Vector512<float> a, Vector512<float> b) =>
        Avx512F.UnpackLow(a.AsDouble(), b.AsDouble()).AsSingle() + Avx512F.UnpackHigh(a.AsDouble(), b.AsDouble()).AsSingle();
}
