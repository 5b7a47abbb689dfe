using System.Runtime.Intrinsics;

namespace Recur.Kernels;

/// <summary>
/// Σ x² of a float span, accumulated in double (what <see cref="Optim.GradientClipping"/> needs over millions of gradient
/// values, where a float sum would lose the small ones). Four double accumulators per vector width, added in a fixed
/// order: the result depends on the span and the CPU's vector width only, never on a thread count.
/// </summary>
internal static class SquaredSum
{
    /// <summary>Σ x², in double.</summary>
    public static double Of(ReadOnlySpan<float> x)
    {
        if (Vector512.IsHardwareAccelerated) return Wide512(x);
        if (Vector256.IsHardwareAccelerated) return Wide256(x);
        return Scalar(x, 0);
    }

    private static double Wide512(ReadOnlySpan<float> x)
    {
        Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default;
        int i = 0;
        for (; i + 32 <= x.Length; i += 32)
        {
            var (a0, a1) = Vector512.Widen(Vector512.Create(x.Slice(i, 16)));
            var (b0, b1) = Vector512.Widen(Vector512.Create(x.Slice(i + 16, 16)));
            s0 = Vector512.FusedMultiplyAdd(a0, a0, s0);
            s1 = Vector512.FusedMultiplyAdd(a1, a1, s1);
            s2 = Vector512.FusedMultiplyAdd(b0, b0, s2);
            s3 = Vector512.FusedMultiplyAdd(b1, b1, s3);
        }
        return Vector512.Sum((s0 + s1) + (s2 + s3)) + Scalar(x, i);
    }

    private static double Wide256(ReadOnlySpan<float> x)
    {
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        int i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            var (a0, a1) = Vector256.Widen(Vector256.Create(x.Slice(i, 8)));
            var (b0, b1) = Vector256.Widen(Vector256.Create(x.Slice(i + 8, 8)));
            s0 = Vector256.FusedMultiplyAdd(a0, a0, s0);
            s1 = Vector256.FusedMultiplyAdd(a1, a1, s1);
            s2 = Vector256.FusedMultiplyAdd(b0, b0, s2);
            s3 = Vector256.FusedMultiplyAdd(b1, b1, s3);
        }
        return Vector256.Sum((s0 + s1) + (s2 + s3)) + Scalar(x, i);
    }

    private static double Scalar(ReadOnlySpan<float> x, int start)
    {
        double sum = 0;
        for (int i = start; i < x.Length; i++) sum += (double)x[i] * x[i];
        return sum;
    }
}
