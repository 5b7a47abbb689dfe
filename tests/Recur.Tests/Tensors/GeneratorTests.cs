using Xunit;

namespace Recur.Tests.Tensors;

/// <summary>The seeded generator: reproducible streams, resumable state, and the distributions it promises.</summary>
public class GeneratorTests
{
    private static ulong[] Draw(Generator g, int n) => Enumerable.Range(0, n).Select(_ => g.NextUInt64()).ToArray();

    [Fact]
    public void Same_seed_gives_the_same_stream()
    {
        Assert.Equal(Draw(new Generator(42), 1000), Draw(new Generator(42), 1000));
        var a = new Generator(7);
        var b = new Generator(7);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextFloat(), b.NextFloat());
            Assert.Equal(a.NextNormal(), b.NextNormal());
            Assert.Equal(a.NextInt(13), b.NextInt(13));
            Assert.Equal(a.NextDouble(), b.NextDouble());
        }
    }

    [Fact]
    public void FillUniform_gives_the_numbers_NextFloat_would_and_leaves_the_stream_where_they_would()
    {
        var one = new Generator(23);
        var bulk = new Generator(23);
        var expected = Enumerable.Range(0, 1001).Select(_ => one.NextFloat()).ToArray();
        var filled = new float[1001];
        bulk.FillUniform(filled);
        Assert.Equal(expected, filled);
        Assert.Equal(one.NextUInt64(), bulk.NextUInt64());
    }

    [Fact]
    public void Different_seeds_give_different_streams()
    {
        var streams = new[] { 0UL, 1UL, 2UL, 42UL, ulong.MaxValue }.Select(s => Draw(new Generator(s), 16)).ToArray();
        for (int i = 0; i < streams.Length; i++)
            for (int j = i + 1; j < streams.Length; j++)
                Assert.NotEqual(streams[i], streams[j]);
        // Not merely shifted copies of each other.
        Assert.Empty(streams[0].Intersect(streams[1]));
    }

    [Fact]
    public void Default_seed_is_zero()
    {
        Assert.Equal(Draw(new Generator(0), 8), Draw(new Generator(), 8));
    }

    [Fact]
    public void SetState_resumes_the_exact_stream()
    {
        var g = new Generator(123);
        Draw(g, 37);
        var state = g.GetState();
        var expected = Draw(g, 200);
        var h = new Generator(999);
        h.SetState(state);
        Assert.Equal(expected, Draw(h, 200));
        // The saved array is a snapshot, not a live view.
        g.SetState(state);
        Assert.Equal(expected, Draw(g, 200));
    }

    [Fact]
    public void SetState_resumes_between_the_two_halves_of_a_normal_pair()
    {
        var g = new Generator(5);
        g.NextNormal(); // leaves the second Box–Muller value pending
        var state = g.GetState();
        var expected = Enumerable.Range(0, 11).Select(_ => g.NextNormal()).ToArray();
        var h = new Generator(6);
        h.NextNormal();
        h.SetState(state);
        Assert.Equal(expected, Enumerable.Range(0, 11).Select(_ => h.NextNormal()).ToArray());
    }

    [Fact]
    public void SetState_rejects_states_of_the_wrong_length_or_all_zeros()
    {
        var g = new Generator(1);
        Assert.Throws<ArgumentException>(() => g.SetState([1, 2, 3]));
        Assert.Throws<ArgumentException>(() => g.SetState([0, 0, 0, 0, 0, 0]));
        Assert.Throws<ArgumentNullException>(() => g.SetState(null!));
    }

    [Fact]
    public void Normal_samples_have_mean_zero_and_std_one_over_100k_draws()
    {
        var g = new Generator(2024);
        const int n = 100_000;
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = g.NextNormal();
        double mean = x.Average();
        double std = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        // Standard error of the mean is 1/√n ≈ 0.0032; of the std ≈ 0.0022. Allow about 5σ.
        Assert.InRange(mean, -0.016, 0.016);
        Assert.InRange(std, 0.989, 1.011);
        // Shape, not only moments: P(|x| < 1) = 0.6827, P(|x| < 2) = 0.9545.
        Assert.InRange(x.Count(v => Math.Abs(v) < 1) / (double)n, 0.6827 - 0.0075, 0.6827 + 0.0075);
        Assert.InRange(x.Count(v => Math.Abs(v) < 2) / (double)n, 0.9545 - 0.0035, 0.9545 + 0.0035);
    }

    [Fact]
    public void Uniform_floats_and_doubles_lie_in_zero_to_one_with_mean_one_half()
    {
        var g = new Generator(77);
        const int n = 100_000;
        double sumF = 0, sumD = 0, minF = 1, maxF = 0;
        for (int i = 0; i < n; i++)
        {
            float f = g.NextFloat();
            double d = g.NextDouble();
            Assert.InRange(f, 0f, 1f);
            Assert.True(f < 1f, "NextFloat returned 1");
            Assert.InRange(d, 0.0, 1.0);
            Assert.True(d < 1.0, "NextDouble returned 1");
            sumF += f; sumD += d;
            minF = Math.Min(minF, f); maxF = Math.Max(maxF, f);
        }
        // σ of the mean of U(0,1) is 0.289/√n ≈ 0.0009.
        Assert.InRange(sumF / n, 0.4955, 0.5045);
        Assert.InRange(sumD / n, 0.4955, 0.5045);
        Assert.True(minF < 1e-3 && maxF > 1 - 1e-3, $"uniform draws span [{minF}, {maxF}]");
    }

    [Fact]
    public void Uniform_tensor_lies_in_low_to_high()
    {
        var values = Tensor.Uniform(new Generator(3), -0.25f, 0.75f, 50_000).ToArray();
        Assert.All(values, v => Assert.True(v >= -0.25f && v < 0.75f, $"{v} is outside [-0.25, 0.75)"));
        Assert.True(values.Min() < -0.24f && values.Max() > 0.74f);
    }

    /// <summary>A generator whose next <see cref="Generator.NextUInt64"/> is <paramref name="output"/> (xoshiro256** output depends on s1 only).</summary>
    private static Generator GeneratorWhoseNextOutputIs(ulong output)
    {
        static ulong Inverse(ulong odd)
        {
            ulong inv = odd; // correct to 3 bits; each Newton step doubles the correct bits
            for (int i = 0; i < 5; i++) inv *= 2 - odd * inv;
            return inv;
        }
        // output = rotl(s1·5, 7)·9  ⇒  s1 = rotr(output·9⁻¹, 7)·5⁻¹
        ulong s1 = ulong.RotateRight(output * Inverse(9), 7) * Inverse(5);
        var g = new Generator();
        g.SetState([1, s1, 0, 0, 0, 0]);
        return g;
    }

    [Fact]
    public void Uniform_tensor_never_returns_high_even_for_the_largest_draw()
    {
        const ulong largest = 0xFFFF_FF00_0000_0000UL; // NextFloat = 1 − 2⁻²⁴, the largest it can return
        Assert.Equal(largest, GeneratorWhoseNextOutputIs(largest).NextUInt64());
        Assert.True(GeneratorWhoseNextOutputIs(largest).NextFloat() < 1f);
        // low + (high − low)·(1 − 2⁻²⁴) rounds up to high in float32 for [1, 2): the contract is [low, high).
        float v = Tensor.Uniform(GeneratorWhoseNextOutputIs(largest), 1f, 2f, 1).Item();
        Assert.True(v < 2f, $"Uniform(1, 2) returned {v:R}, which is not below high = 2");
        float w = Tensor.Uniform(GeneratorWhoseNextOutputIs(largest), -3f, 5f, 1).Item();
        Assert.True(w < 5f, $"Uniform(-3, 5) returned {w:R}, which is not below high = 5");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(10)]
    public void NextInt_covers_its_range_evenly(int max)
    {
        var g = new Generator(31);
        int n = 20_000 * max;
        var counts = new int[max];
        for (int i = 0; i < n; i++)
        {
            int v = g.NextInt(max);
            Assert.InRange(v, 0, max - 1);
            counts[v]++;
        }
        // Chi-square with max−1 degrees of freedom; 3·dof + 30 is far in the tail for these dof.
        double expected = n / (double)max;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chi2 < 3 * (max - 1) + 30, $"chi² = {chi2} over {max} bins: counts {string.Join(", ", counts)}");
    }

    [Fact]
    public void NextInt_with_a_large_bound_stays_below_it_and_reaches_the_upper_half()
    {
        var g = new Generator(8);
        const int bound = 1_500_000_001; // ~0.7 of 2^31: a biased reduction over 31 bits would skew the top
        int upper = 0;
        const int n = 100_000;
        for (int i = 0; i < n; i++)
        {
            int v = g.NextInt(bound);
            Assert.InRange(v, 0, bound - 1);
            if (v >= bound / 2) upper++;
        }
        Assert.InRange(upper / (double)n, 0.5 - 0.008, 0.5 + 0.008);
        Assert.InRange(new Generator(1).NextInt(int.MaxValue), 0, int.MaxValue - 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void NextInt_rejects_a_non_positive_bound(int max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Generator(1).NextInt(max));

    [Fact]
    public void Shuffle_is_a_reproducible_permutation()
    {
        var a = Enumerable.Range(0, 50).ToArray();
        var b = Enumerable.Range(0, 50).ToArray();
        new Generator(12).Shuffle<int>(a);
        new Generator(12).Shuffle<int>(b);
        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, 50), a.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), a);
    }

    [Fact]
    public void Shuffle_puts_every_item_in_every_position_equally_often()
    {
        var g = new Generator(13);
        var counts = new int[4, 4];
        const int n = 40_000;
        for (int t = 0; t < n; t++)
        {
            Span<int> items = [0, 1, 2, 3];
            g.Shuffle(items);
            for (int pos = 0; pos < 4; pos++) counts[items[pos], pos]++;
        }
        foreach (var c in counts) Assert.InRange(c, n / 4 - 500, n / 4 + 500);
    }
}

/// <summary>Tests that reseed the process-wide <see cref="Generator.Default"/> run alone, so they cannot disturb other tests.</summary>
[CollectionDefinition(nameof(DefaultGeneratorCollection), DisableParallelization = true)]
public class DefaultGeneratorCollection;

[Collection(nameof(DefaultGeneratorCollection))]
public class DefaultGeneratorTests
{
    private static ulong[] Draw(Generator g, int n) => Enumerable.Range(0, n).Select(_ => g.NextUInt64()).ToArray();

    [Fact]
    public void ManualSeed_resets_the_default_generator()
    {
        Generator.ManualSeed(17);
        var first = Draw(Generator.Default, 5);
        Generator.ManualSeed(17);
        Assert.Equal(first, Draw(Generator.Default, 5));
        Assert.Equal(first, Draw(new Generator(17), 5));
    }
}
