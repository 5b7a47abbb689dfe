using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>
/// The recurrent cells' activations on every vector path against double-precision references: e^x, e^x − 1, 1/x, σ and
/// tanh over a dense grid and their special values.
/// </summary>
public unsafe class FloatVectorTests
{
    /// <summary>−120 … 120 in steps that hit both sides of every rounding boundary, plus tiny and huge magnitudes.</summary>
    private static float[] Grid()
    {
        var values = new List<float>();
        for (int i = -240_000; i <= 240_000; i++) values.Add(i * 5e-4f);
        foreach (float tiny in new[] { 1e-38f, 1e-30f, 1e-20f, 1e-12f, 1e-8f, 1e-7f, 3e-6f, 1e-4f })
        {
            values.Add(tiny);
            values.Add(-tiny);
        }
        values.AddRange([0f, -0f, 88.7f, 88.72f, 88.8f, 100f, 1e10f, float.MaxValue, -87.3f, -103.9f, -104f, -150f, -1e10f, -float.MaxValue]);
        return values.ToArray();
    }

    /// <summary>Relative error, with an absolute floor where the exact value is tiny (denormal results).</summary>
    private static double Error(float actual, double exact, double floor) =>
        Math.Abs(actual - exact) / Math.Max(Math.Abs(exact), floor);

    private static float[] Run<TV>(float[] x, Func<TV, TV> f) where TV : struct, IFloatVector<TV>
    {
        var y = new float[x.Length];
        fixed (float* px = x, py = y)
            for (int i = 0; i < x.Length; i += TV.Count)
            {
                int n = x.Length - i;
                TV.Store(py + i, f(TV.Load(px + i, n)), n);
            }
        return y;
    }

    private static float[] Run(FloatVectorPath path, float[] x, string function) => (path, function) switch
    {
        (FloatVectorPath.Lanes16, "exp") => Run<Float16Lanes>(x, Float16Lanes.Exp),
        (FloatVectorPath.Lanes16, "expm1") => Run<Float16Lanes>(x, Float16Lanes.ExpM1),
        (FloatVectorPath.Lanes16, "sigmoid") => Run<Float16Lanes>(x, FloatVector.Sigmoid),
        (FloatVectorPath.Lanes16, "tanh") => Run<Float16Lanes>(x, FloatVector.Tanh),
        (FloatVectorPath.Lanes16, "reciprocal") => Run<Float16Lanes>(x, Float16Lanes.Reciprocal),
        (FloatVectorPath.Lanes8, "exp") => Run<Float8Lanes>(x, Float8Lanes.Exp),
        (FloatVectorPath.Lanes8, "expm1") => Run<Float8Lanes>(x, Float8Lanes.ExpM1),
        (FloatVectorPath.Lanes8, "sigmoid") => Run<Float8Lanes>(x, FloatVector.Sigmoid),
        (FloatVectorPath.Lanes8, "tanh") => Run<Float8Lanes>(x, FloatVector.Tanh),
        (FloatVectorPath.Lanes8, "reciprocal") => Run<Float8Lanes>(x, Float8Lanes.Reciprocal),
        (_, "exp") => Run<Float1Lane>(x, Float1Lane.Exp),
        (_, "expm1") => Run<Float1Lane>(x, Float1Lane.ExpM1),
        (_, "sigmoid") => Run<Float1Lane>(x, FloatVector.Sigmoid),
        (_, "tanh") => Run<Float1Lane>(x, FloatVector.Tanh),
        (_, _) => Run<Float1Lane>(x, Float1Lane.Reciprocal),
    };

    /// <summary>The paths this machine can run, by name (the enum is internal).</summary>
    public static TheoryData<string> Paths()
    {
        var paths = new TheoryData<string> { nameof(FloatVectorPath.Scalar) };
        if (FloatVector.BestPath != FloatVectorPath.Scalar) paths.Add(nameof(FloatVectorPath.Lanes8));
        if (FloatVector.BestPath == FloatVectorPath.Lanes16) paths.Add(nameof(FloatVectorPath.Lanes16));
        return paths;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Exp_is_within_a_few_ulp_and_saturates_to_zero_and_infinity(string pathName)
    {
        var path = Enum.Parse<FloatVectorPath>(pathName);
        var x = Grid();
        var y = Run(path, x, "exp");
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Exp(x[i]);
            if (exact > float.MaxValue) { Assert.Equal(float.PositiveInfinity, y[i]); continue; }
            if (exact < 1e-45) { Assert.True(y[i] >= 0f && (double)y[i] < 3e-45, $"exp({x[i]}) = {y[i]}"); continue; }
            worst = Math.Max(worst, Error(y[i], exact, 1.2e-38 / 1.2e-7));   // denormals: absolute 1e-45
        }
        Assert.True(worst < 4e-7, $"exp: worst relative error {worst:E2} on {path}");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ExpM1_is_accurate_near_zero_on_the_vector_path(string pathName)
    {
        var path = Enum.Parse<FloatVectorPath>(pathName);
        var x = Grid().Where(v => v <= 88f).ToArray();
        var y = Run(path, x, "expm1");
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Abs(x[i]) < 1e-5 ? x[i] + (double)x[i] * x[i] / 2 : Math.Exp(x[i]) - 1.0;   // double e^x − 1 cancels too
            if (Math.Abs(x[i]) < 1e-4 && path != FloatVectorPath.Lanes16) continue;   // e^x − 1 in float: no relative accuracy there
            if (Math.Abs(x[i]) < 1e-30) continue;                                       // below the float resolution of x²/2
            worst = Math.Max(worst, Error(y[i], exact, 1e-38));
        }
        double bound = path == FloatVectorPath.Lanes16 ? 4e-7 : 1e-3;
        Assert.True(worst < bound, $"expm1: worst relative error {worst:E2} on {path}");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Sigmoid_is_within_a_few_ulp_everywhere(string pathName)
    {
        var path = Enum.Parse<FloatVectorPath>(pathName);
        var x = Grid();
        var y = Run(path, x, "sigmoid");
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double exact = 1.0 / (1.0 + Math.Exp(-(double)x[i]));
            Assert.InRange(y[i], 0f, 1f);
            worst = Math.Max(worst, Error(y[i], exact, 1e-38));
        }
        Assert.True(worst < 5e-7, $"sigmoid: worst relative error {worst:E2} on {path}");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Tanh_is_accurate_and_odd(string pathName)
    {
        var path = Enum.Parse<FloatVectorPath>(pathName);
        var x = Grid();
        var y = Run(path, x, "tanh");
        double worstRelative = 0, worstAbsolute = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Tanh(x[i]);
            Assert.InRange(y[i], -1f, 1f);
            if (exact != 0 && (y[i] != 0f || path == FloatVectorPath.Lanes16)) Assert.Equal(Math.Sign(exact), Math.Sign(y[i]));
            worstAbsolute = Math.Max(worstAbsolute, Math.Abs(y[i] - exact));
            if (Math.Abs(x[i]) >= 1e-30) worstRelative = Math.Max(worstRelative, Error(y[i], exact, 1e-38));
        }
        Assert.True(worstAbsolute < 2e-7, $"tanh: worst absolute error {worstAbsolute:E2} on {path}");
        if (path == FloatVectorPath.Lanes16)   // e^x − 1 without cancellation: relative accuracy down to tiny x
            Assert.True(worstRelative < 5e-7, $"tanh: worst relative error {worstRelative:E2} on {path}");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Reciprocal_of_the_divisors_the_cells_use_is_within_two_ulp(string pathName)
    {
        var path = Enum.Parse<FloatVectorPath>(pathName);
        var x = Enumerable.Range(0, 200_001).Select(i => 1f + i * 5e-6f).ToArray();   // [1, 2]
        var y = Run(path, x, "reciprocal");
        for (int i = 0; i < x.Length; i++)
            Assert.True(Error(y[i], 1.0 / x[i], 0) < 1.2e-7, $"1/{x[i]} = {y[i]} on {path}");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Special_values_propagate(string pathName)
    {
        var path = Enum.Parse<FloatVectorPath>(pathName);
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity];
        var exp = Run(path, x, "exp");
        Assert.True(float.IsNaN(exp[0]));
        Assert.Equal(float.PositiveInfinity, exp[1]);
        Assert.Equal(0f, exp[2]);
        var sigmoid = Run(path, x, "sigmoid");
        Assert.True(float.IsNaN(sigmoid[0]));
        Assert.Equal(1f, sigmoid[1]);
        Assert.Equal(0f, sigmoid[2]);
        var tanh = Run(path, x, "tanh");
        Assert.True(float.IsNaN(tanh[0]));
        Assert.Equal(1f, tanh[1]);
        Assert.Equal(-1f, tanh[2]);
    }
}
