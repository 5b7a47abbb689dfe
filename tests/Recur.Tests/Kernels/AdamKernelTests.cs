using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>
/// The vectorised Adam update against the plain scalar loop it replaced: equal bit for bit on every path, and for a
/// parameter large enough to be split over threads, on any thread count.
/// </summary>
[Collection(nameof(KernelThreadsCollection))]
public class AdamKernelTests
{
    public static TheoryData<int> Lengths => new() { 1, 7, 15, 16, 17, 40, 129, 1000 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Every_path_matches_the_scalar_reference_bit_for_bit(int length)
    {
        foreach (var path in new[] { FloatVectorPath.Lanes16, FloatVectorPath.Lanes8, FloatVectorPath.Scalar })
        {
            if (!Supported(path)) continue;
            foreach (float weightDecay in new[] { 0f, 0.01f })
            {
                var constants = new AdamConstants(0.9f, 0.999f, 1e-8f, weightDecay, StepSize: 1.3e-3f, SqrtBiasCorrection2: 0.0447f);
                var (p, g, m, v) = Data(length, seed: length);
                var (pr, gr, mr, vr) = Data(length, seed: length);
                for (int step = 0; step < 3; step++)
                {
                    AdamKernel.Update(path, p, g, m, v, constants);
                    Reference(pr, gr, mr, vr, constants);
                }
                Assert.Equal(pr, p);
                Assert.Equal(mr, m);
                Assert.Equal(vr, v);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_split_update_matches_the_scalar_reference_bit_for_bit(int threads)
    {
        int length = AdamKernel.ParallelThreshold + 37;   // parts that do not end on whole vectors
        var constants = new AdamConstants(0.9f, 0.999f, 1e-8f, 0.01f, StepSize: 1.3e-3f, SqrtBiasCorrection2: 0.0447f);
        var (p, g, m, v) = Data(length, seed: 3);
        var (pr, gr, mr, vr) = Data(length, seed: 3);
        int saved = KernelThreads.Max;
        try
        {
            KernelThreads.Max = threads;
            for (int step = 0; step < 2; step++)
            {
                AdamKernel.Update(p, g, m, v, constants);
                Reference(pr, gr, mr, vr, constants);
            }
        }
        finally
        {
            KernelThreads.Max = saved;
        }
        Assert.Equal(pr, p);
        Assert.Equal(mr, m);
        Assert.Equal(vr, v);
    }

    [Fact]
    public void Every_start_within_a_cache_line_matches_the_scalar_reference_bit_for_bit()
    {
        // The kernel begins with a short vector up to p's first aligned element: spans starting at each of the 16 float
        // offsets of a line, of lengths shorter and longer than that head, give the reference's bits and touch nothing
        // outside the span.
        var constants = new AdamConstants(0.9f, 0.999f, 1e-8f, 0f, StepSize: 1.3e-3f, SqrtBiasCorrection2: 0.0447f);
        foreach (var path in new[] { FloatVectorPath.Lanes16, FloatVectorPath.Lanes8, FloatVectorPath.Scalar })
        {
            if (!Supported(path)) continue;
            for (int start = 0; start < 16; start++)
                foreach (int length in new[] { 1, 5, 16, 37 })
                {
                    var (p, g, m, v) = Data(start + length + 16, seed: start * 100 + length);
                    var (pr, gr, mr, vr) = Data(start + length + 16, seed: start * 100 + length);
                    var (pBefore, mBefore, vBefore) = ((float[])p.Clone(), (float[])m.Clone(), (float[])v.Clone());
                    AdamKernel.Update(path, p.AsSpan(start, length), g.AsSpan(start, length), m.AsSpan(start, length), v.AsSpan(start, length), constants);
                    var (ps, gs, ms, vs) = (pr[start..(start + length)], gr[start..(start + length)], mr[start..(start + length)], vr[start..(start + length)]);
                    Reference(ps, gs, ms, vs, constants);
                    Assert.Equal(ps, p[start..(start + length)]);
                    Assert.Equal(ms, m[start..(start + length)]);
                    Assert.Equal(vs, v[start..(start + length)]);
                    Assert.Equal(pBefore[..start], p[..start]);
                    Assert.Equal(pBefore[(start + length)..], p[(start + length)..]);
                    Assert.Equal(mBefore[(start + length)..], m[(start + length)..]);
                    Assert.Equal(vBefore[..start], v[..start]);
                }
        }
    }

    [Fact]
    public void Without_weight_decay_an_infinite_parameter_keeps_finite_moments_as_in_PyTorch()
    {
        // PyTorch adds λ·p to the gradient only when λ ≠ 0; adding 0·∞ = NaN would poison m and v for good.
        var p = new[] { float.PositiveInfinity, 1f };
        var g = new[] { 0.5f, 0.5f };
        var m = new float[2];
        var v = new float[2];
        AdamKernel.Update(p, g, m, v, new AdamConstants(0.9f, 0.999f, 1e-8f, 0f, 1e-3f, 1f));
        Assert.Equal(float.PositiveInfinity, p[0]);
        Assert.Equal(m[1], m[0]);
        Assert.Equal(v[1], v[0]);
        Assert.True(float.IsFinite(m[0]) && float.IsFinite(v[0]));
    }

    [Fact]
    public void The_ragged_end_does_not_write_past_the_span()
    {
        var p = new float[20];
        var g = Enumerable.Repeat(1f, 20).ToArray();
        var m = new float[20];
        var v = new float[20];
        AdamKernel.Update(p.AsSpan(0, 17), g.AsSpan(0, 17), m.AsSpan(0, 17), v.AsSpan(0, 17), new AdamConstants(0.9f, 0.999f, 1e-8f, 0f, 1e-3f, 1f));
        Assert.All(p[17..], x => Assert.Equal(0f, x));
        Assert.All(m[17..], x => Assert.Equal(0f, x));
        Assert.All(v[17..], x => Assert.Equal(0f, x));
        Assert.All(p[..17], x => Assert.True(x < 0f));
    }

    // The loop Adam.Step ran before the kernel existed, with the weight decay added only when λ ≠ 0 (as PyTorch does).
    private static void Reference(float[] p, float[] grad, float[] m, float[] v, AdamConstants c)
    {
        for (int i = 0; i < p.Length; i++)
        {
            float g = c.WeightDecay != 0f ? grad[i] + c.WeightDecay * p[i] : grad[i];
            m[i] = c.Beta1 * m[i] + (1f - c.Beta1) * g;
            v[i] = c.Beta2 * v[i] + (1f - c.Beta2) * g * g;
            float denominator = MathF.Sqrt(v[i]) / c.SqrtBiasCorrection2 + c.Eps;
            p[i] -= c.StepSize * (m[i] / denominator);
        }
    }

    private static (float[] P, float[] G, float[] M, float[] V) Data(int length, int seed)
    {
        var random = new Random(seed);
        float Next() => (float)(random.NextDouble() * 2 - 1);
        var p = new float[length];
        var g = new float[length];
        var m = new float[length];
        var v = new float[length];
        for (int i = 0; i < length; i++)
        {
            p[i] = Next();
            g[i] = Next() * 0.1f;
            m[i] = Next() * 0.01f;
            v[i] = MathF.Abs(Next()) * 1e-4f;
        }
        return (p, g, m, v);
    }

    private static bool Supported(FloatVectorPath path) => path switch
    {
        FloatVectorPath.Lanes16 => FloatVector.BestPath == FloatVectorPath.Lanes16,
        FloatVectorPath.Lanes8 => FloatVector.BestPath != FloatVectorPath.Scalar,
        _ => true,
    };
}
