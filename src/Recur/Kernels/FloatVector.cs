using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// A float vector of <see cref="Count"/> lanes, so that an elementwise kernel is written once (generic over this interface)
/// and compiled by the JIT for AVX-512 (<see cref="Float16Lanes"/>), AVX2 (<see cref="Float8Lanes"/>) or plain scalars
/// (<see cref="Float1Lane"/>). <see cref="Load"/> and <see cref="Store"/> take a lane count so that a row's ragged end is
/// handled by masked memory access instead of a scalar tail: a masked store never touches memory past the row.
/// </summary>
/// <remarks>
/// The kernels written over this interface carry <c>MethodImplOptions.AggressiveOptimization</c>: unoptimised (tier-0) code
/// calls every lane operator instead of inlining it, ~10× slower, and on a busy machine the runtime's background
/// recompilation can take seconds to replace it — the first epoch of a text classifier then ran at a fraction of its speed.
/// The optimised code does the same IEEE operations, so results do not change.
/// </remarks>
internal unsafe interface IFloatVector<TSelf> where TSelf : struct, IFloatVector<TSelf>
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>The first min(n, Count) floats at p; the other lanes are zero.</summary>
    static abstract TSelf Load(float* p, int n);

    /// <summary>Writes the first min(n, Count) lanes to p.</summary>
    static abstract void Store(float* p, TSelf v, int n);

    /// <summary>Every lane = x.</summary>
    static abstract TSelf Splat(float x);

    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);

    /// <summary>e^x per lane (within a few ulp; NaN and ±∞ as <see cref="MathF.Exp"/>).</summary>
    static abstract TSelf Exp(TSelf x);

    /// <summary>e^x − 1 per lane, accurate near 0 where the AVX-512 path computes it without cancellation.</summary>
    static abstract TSelf ExpM1(TSelf x);

    /// <summary>1 / x per lane, within 2 ulp for normal x (AVX-512: a 14-bit estimate refined by one Newton step).</summary>
    static abstract TSelf Reciprocal(TSelf x);

    /// <summary>a · b + c per lane, rounded once.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary><paramref name="ifNegative"/> where <paramref name="x"/> &lt; 0, else <paramref name="otherwise"/>, per lane.</summary>
    static abstract TSelf WhereNegative(TSelf x, TSelf ifNegative, TSelf otherwise);

    /// <summary>|x| per lane.</summary>
    static abstract TSelf Abs(TSelf x);

    /// <summary>√x per lane (correctly rounded, as <see cref="MathF.Sqrt"/>).</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>The magnitude of the first with the sign of the second, per lane.</summary>
    static abstract TSelf CopySign(TSelf magnitude, TSelf sign);

    /// <summary>max(a, b) per lane.</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary><paramref name="value"/> where <paramref name="x"/> &gt; 0, else 0, per lane.</summary>
    static abstract TSelf WherePositive(TSelf x, TSelf value);
}

/// <summary>The activations of the recurrent cells on any <see cref="IFloatVector{TSelf}"/>.</summary>
/// <remarks>
/// Both are written so that the exponential only ever sees −|x| (it cannot overflow) and the reciprocal only a
/// divisor in [1, 2] (where an estimate plus one Newton step is as good as a division and several times cheaper).
/// </remarks>
internal static class FloatVector
{
    /// <summary>σ(x) = 1 / (1 + e^−x), as r = 1 / (1 + z) with z = e^−|x|: r for x ≥ 0, z · r = e^x / (1 + e^x) for x &lt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Sigmoid<TV>(TV x) where TV : struct, IFloatVector<TV>
    {
        var z = TV.Exp(-TV.Abs(x));
        var r = TV.Reciprocal(TV.Splat(1f) + z);
        return TV.WhereNegative(x, z * r, r);
    }

    /// <summary>tanh(x) = sign(x) · (−z / (z + 2)) with z = e^(−2|x|) − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Tanh<TV>(TV x) where TV : struct, IFloatVector<TV>
    {
        var z = TV.ExpM1(TV.Splat(-2f) * TV.Abs(x));
        return TV.CopySign(-z * TV.Reciprocal(z + TV.Splat(2f)), x);
    }

    /// <summary>Runs <paramref name="kernel"/> on the vectors of <see cref="BestPath"/>.</summary>
    public static void Dispatch<TKernel>(TKernel kernel) where TKernel : struct, IFloatVectorKernel => Dispatch(BestPath, kernel);

    /// <summary>Runs <paramref name="kernel"/> on the vectors of <paramref name="path"/> (tests compare the paths).</summary>
    public static void Dispatch<TKernel>(FloatVectorPath path, TKernel kernel) where TKernel : struct, IFloatVectorKernel
    {
        switch (path)
        {
            case FloatVectorPath.Lanes16: kernel.Run<Float16Lanes>(); break;
            case FloatVectorPath.Lanes8: kernel.Run<Float8Lanes>(); break;
            default: kernel.Run<Float1Lane>(); break;
        }
    }

    /// <summary>Lanes of the vector <see cref="BestPath"/> uses.</summary>
    public static int Lanes => BestPath switch { FloatVectorPath.Lanes16 => 16, FloatVectorPath.Lanes8 => 8, _ => 1 };

    /// <summary>Which implementation the machine runs best.</summary>
    public static FloatVectorPath BestPath { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? FloatVectorPath.Lanes16
        : Vector256.IsHardwareAccelerated && Avx2.IsSupported ? FloatVectorPath.Lanes8
        : FloatVectorPath.Scalar;
}

/// <summary>The instantiations of <see cref="IFloatVector{TSelf}"/>.</summary>
internal enum FloatVectorPath
{
    /// <summary><see cref="Float16Lanes"/>.</summary>
    Lanes16,
    /// <summary><see cref="Float8Lanes"/>.</summary>
    Lanes8,
    /// <summary><see cref="Float1Lane"/>.</summary>
    Scalar,
}

/// <summary>16 floats in an AVX-512 register.</summary>
internal readonly unsafe struct Float16Lanes(Vector512<float> v) : IFloatVector<Float16Lanes>
{
    private readonly Vector512<float> _v = v;

    public static int Count => 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes Load(float* p, int n) => n >= 16
        ? new(Vector512.Load(p))
        : new(Avx512F.MaskLoad(p, Mask(n), Vector512<float>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Float16Lanes v, int n)
    {
        if (n >= 16) v._v.Store(p);
        else Avx512F.MaskStore(p, Mask(n), v._v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Mask(int n) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes Splat(float x) => new(Vector512.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes operator +(Float16Lanes a, Float16Lanes b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes operator -(Float16Lanes a, Float16Lanes b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes operator *(Float16Lanes a, Float16Lanes b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes operator /(Float16Lanes a, Float16Lanes b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes operator -(Float16Lanes a) => new(-a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes Exp(Float16Lanes x)
    {
        var (scale, r) = Reduce(x._v);
        // e^r on |r| ≤ ln2/2 by its Taylor series to r⁷ (truncation < 1e-8 relative), then · 2^n
        var p = Polynomial(r);
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512<float>.One);
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512<float>.One);
        return new(Avx512F.Scale(p, scale));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes ExpM1(Float16Lanes x)
    {
        var (scale, r) = Reduce(x._v);
        // e^x − 1 = 2^n (e^r − 1) + (2^n − 1): for |x| ≤ ln2/2 (n = 0) only e^r − 1 = r + r² P(r), no cancellation
        var q = Avx512F.FusedMultiplyAdd(Polynomial(r) * r, r, r);
        return new(Avx512F.Scale(q, scale) + (Avx512F.Scale(Vector512<float>.One, scale) - Vector512<float>.One));
    }

    /// <summary>
    /// x = n ln2 + r with n = round(x / ln2) and |r| ≤ ln2/2 (ln2 in two parts, so n ln2 is exact enough), after clamping x
    /// to [−104, 88.8]: beyond those e^x is 0 or ∞ in float, which the final scaling by 2^n still produces. A NaN stays NaN
    /// (a max/min with NaN in the second operand returns it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> N, Vector512<float> R) Reduce(Vector512<float> x)
    {
        x = Avx512F.Min(Vector512.Create(88.8f), Avx512F.Max(Vector512.Create(-104f), x));
        var n = Avx512F.RoundScale(x * Vector512.Create(1.44269504f), 0);
        var r = Avx512F.FusedMultiplyAdd(n, Vector512.Create(-0.693359375f), x);
        r = Avx512F.FusedMultiplyAdd(n, Vector512.Create(2.12194440e-4f), r);
        return (n, r);
    }

    /// <summary>1/2! + r/3! + … + r⁵/7!: e^r = 1 + r (1 + r P(r)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Polynomial(Vector512<float> r)
    {
        var p = Vector512.Create(1f / 5040f);
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1f / 720f));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1f / 120f));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24f));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6f));
        return Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes Reciprocal(Float16Lanes x)
    {
        // y ≈ 1/x to 2^−14, then y + y (1 − x y) squares the error away
        var y = Avx512F.Reciprocal14(x._v);
        return new(Avx512F.FusedMultiplyAdd(y, Avx512F.FusedMultiplyAddNegated(x._v, y, Vector512<float>.One), y));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes MultiplyAdd(Float16Lanes a, Float16Lanes b, Float16Lanes c) => new(Avx512F.FusedMultiplyAdd(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes WhereNegative(Float16Lanes x, Float16Lanes ifNegative, Float16Lanes otherwise) =>
        new(Vector512.ConditionalSelect(Vector512.LessThan(x._v, Vector512<float>.Zero), ifNegative._v, otherwise._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes Abs(Float16Lanes x) => new(Vector512.Abs(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes Sqrt(Float16Lanes x) => new(Vector512.Sqrt(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes CopySign(Float16Lanes magnitude, Float16Lanes sign) => new(Vector512.CopySign(magnitude._v, sign._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes Max(Float16Lanes a, Float16Lanes b) => new(Vector512.Max(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float16Lanes WherePositive(Float16Lanes x, Float16Lanes value) =>
        new(Vector512.ConditionalSelect(Vector512.GreaterThan(x._v, Vector512<float>.Zero), value._v, Vector512<float>.Zero));
}

/// <summary>8 floats in an AVX2 register.</summary>
internal readonly unsafe struct Float8Lanes(Vector256<float> v) : IFloatVector<Float8Lanes>
{
    private readonly Vector256<float> _v = v;

    public static int Count => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes Load(float* p, int n) => n >= 8 ? new(Vector256.Load(p)) : new(Avx.MaskLoad(p, Mask(n)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Float8Lanes v, int n)
    {
        if (n >= 8) v._v.Store(p);
        else Avx.MaskStore(p, Mask(n), v._v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mask(int n) => Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(n)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes Splat(float x) => new(Vector256.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes operator +(Float8Lanes a, Float8Lanes b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes operator -(Float8Lanes a, Float8Lanes b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes operator *(Float8Lanes a, Float8Lanes b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes operator /(Float8Lanes a, Float8Lanes b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes operator -(Float8Lanes a) => new(-a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes Exp(Float8Lanes x) => new(Vector256.Exp(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes ExpM1(Float8Lanes x) => new(Vector256.Exp(x._v) - Vector256<float>.One);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes Reciprocal(Float8Lanes x) => new(Vector256<float>.One / x._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes MultiplyAdd(Float8Lanes a, Float8Lanes b, Float8Lanes c) => new(Vector256.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes WhereNegative(Float8Lanes x, Float8Lanes ifNegative, Float8Lanes otherwise) =>
        new(Vector256.ConditionalSelect(Vector256.LessThan(x._v, Vector256<float>.Zero), ifNegative._v, otherwise._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes Abs(Float8Lanes x) => new(Vector256.Abs(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes Sqrt(Float8Lanes x) => new(Vector256.Sqrt(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes CopySign(Float8Lanes magnitude, Float8Lanes sign) => new(Vector256.CopySign(magnitude._v, sign._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes Max(Float8Lanes a, Float8Lanes b) => new(Vector256.Max(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8Lanes WherePositive(Float8Lanes x, Float8Lanes value) =>
        new(Vector256.ConditionalSelect(Vector256.GreaterThan(x._v, Vector256<float>.Zero), value._v, Vector256<float>.Zero));
}

/// <summary>One float: the portable fallback.</summary>
internal readonly unsafe struct Float1Lane(float v) : IFloatVector<Float1Lane>
{
    private readonly float _v = v;

    public static int Count => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane Load(float* p, int n) => new(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Float1Lane v, int n) => *p = v._v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane Splat(float x) => new(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane operator +(Float1Lane a, Float1Lane b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane operator -(Float1Lane a, Float1Lane b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane operator *(Float1Lane a, Float1Lane b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane operator /(Float1Lane a, Float1Lane b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane operator -(Float1Lane a) => new(-a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane Exp(Float1Lane x) => new(MathF.Exp(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane ExpM1(Float1Lane x) => new(MathF.Exp(x._v) - 1f);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane Reciprocal(Float1Lane x) => new(1f / x._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane MultiplyAdd(Float1Lane a, Float1Lane b, Float1Lane c) => new(MathF.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane WhereNegative(Float1Lane x, Float1Lane ifNegative, Float1Lane otherwise) => x._v < 0f ? ifNegative : otherwise;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane Abs(Float1Lane x) => new(MathF.Abs(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane Sqrt(Float1Lane x) => new(MathF.Sqrt(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane CopySign(Float1Lane magnitude, Float1Lane sign) => new(MathF.CopySign(magnitude._v, sign._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane Max(Float1Lane a, Float1Lane b) => new(MathF.Max(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float1Lane WherePositive(Float1Lane x, Float1Lane value) => new(x._v > 0f ? value._v : 0f);
}
