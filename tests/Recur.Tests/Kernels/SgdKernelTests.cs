using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>The vectorised SGD update against the plain scalar loop it replaced: equal bit for bit on every path.</summary>
public class SgdKernelTests
{
    public static TheoryData<int> Lengths => new() { 1, 7, 15, 16, 17, 40, 129, 1000 };

    private static readonly (float Momentum, float Dampening, float WeightDecay, bool Nesterov)[] Settings =
        [(0f, 0f, 0f, false), (0f, 0f, 0.01f, false), (0.9f, 0f, 0f, false), (0.9f, 0.1f, 0.01f, false), (0.9f, 0f, 0.01f, true)];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Every_path_matches_the_scalar_reference_bit_for_bit(int length)
    {
        foreach (var path in new[] { FloatVectorPath.Lanes16, FloatVectorPath.Lanes8, FloatVectorPath.Scalar })
        {
            if (!Supported(path)) continue;
            foreach (var (momentum, dampening, weightDecay, nesterov) in Settings)
            {
                var c = new SgdConstants(0.37f, momentum, dampening, weightDecay, nesterov);
                var (p, g, b) = Data(length, seed: length);
                var (pr, gr, br) = Data(length, seed: length);
                for (int step = 0; step < 3; step++)
                {
                    SgdKernel.Update(path, p, g, momentum == 0f ? [] : b, firstStep: step == 0, c);
                    Reference(pr, gr, br, firstStep: step == 0, c);
                }
                Assert.Equal(pr, p);
                if (momentum != 0f) Assert.Equal(br, b);
            }
        }
    }

    [Fact]
    public void The_ragged_end_does_not_write_past_the_span()
    {
        var p = new float[20];
        var g = Enumerable.Repeat(1f, 20).ToArray();
        SgdKernel.Update(p.AsSpan(0, 17), g.AsSpan(0, 17), [], firstStep: true, new SgdConstants(0.1f, 0f, 0f, 0f, false));
        Assert.All(p[17..], x => Assert.Equal(0f, x));
        Assert.All(p[..17], x => Assert.Equal(-0.1f, x));
    }

    [Fact]
    public void Without_weight_decay_an_infinite_parameter_stays_infinite_as_in_PyTorch()
    {
        // PyTorch adds λ·p to the gradient only when λ ≠ 0; 0·∞ = NaN would turn the parameter into NaN.
        var p = new[] { float.PositiveInfinity, 1f };
        var buffer = new float[2];
        SgdKernel.Update(p, [0.5f, 0.5f], buffer, firstStep: true, new SgdConstants(0.1f, 0.9f, 0f, 0f, false));
        Assert.Equal(float.PositiveInfinity, p[0]);
        Assert.Equal(0.5f, buffer[0]);
    }

    // The loop SGD.Step ran before the kernel existed, with the weight decay added only when λ ≠ 0 (as PyTorch does).
    private static void Reference(float[] p, float[] grad, float[] buffer, bool firstStep, SgdConstants c)
    {
        for (int i = 0; i < p.Length; i++)
        {
            float g = c.WeightDecay != 0f ? grad[i] + c.WeightDecay * p[i] : grad[i];
            if (c.Momentum != 0f)
            {
                float b = firstStep ? g : c.Momentum * buffer[i] + (1f - c.Dampening) * g;
                buffer[i] = b;
                g = c.Nesterov ? g + c.Momentum * b : b;
            }
            p[i] -= c.LearningRate * g;
        }
    }

    private static (float[] P, float[] G, float[] B) Data(int length, int seed)
    {
        var random = new Random(seed);
        float Next() => (float)(random.NextDouble() * 2 - 1);
        var p = new float[length];
        var g = new float[length];
        var b = new float[length];
        for (int i = 0; i < length; i++)
        {
            p[i] = Next();
            g[i] = Next() * 0.1f;
        }
        return (p, g, b);
    }

    private static bool Supported(FloatVectorPath path) => path switch
    {
        FloatVectorPath.Lanes16 => FloatVector.BestPath == FloatVectorPath.Lanes16,
        FloatVectorPath.Lanes8 => FloatVector.BestPath != FloatVectorPath.Scalar,
        _ => true,
    };
}
