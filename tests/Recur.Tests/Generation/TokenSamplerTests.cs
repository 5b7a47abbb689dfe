using Recur.Generation;
using Xunit;

namespace Recur.Tests.Generation;

/// <summary>Greedy, temperature, top-k and top-p picks: which tokens can come out, how often, and reproducibility by seed.</summary>
public class TokenSamplerTests
{
    private static readonly float[] Logits = [1f, 3f, 2f, 3f, float.NegativeInfinity, 0.5f];

    [Fact]
    public void Greedy_takes_the_first_largest_logit()
    {
        var sampler = new TokenSampler(new SamplingOptions { Greedy = true }, new Generator(1));
        Assert.Equal(1, sampler.Next(Logits));
    }

    [Fact]
    public void Top_k_keeps_only_the_k_most_likely_and_never_a_minus_infinity_token()
    {
        var sampler = new TokenSampler(new SamplingOptions { TopK = 3 }, new Generator(2));
        var seen = Enumerable.Range(0, 2000).Select(_ => sampler.Next(Logits)).ToHashSet();
        Assert.Equal([1, 2, 3], seen.Order());
        var all = new TokenSampler(new SamplingOptions(), new Generator(3));
        Assert.DoesNotContain(4, Enumerable.Range(0, 5000).Select(_ => all.Next(Logits)));
    }

    [Fact]
    public void Top_p_keeps_the_smallest_likely_set_that_reaches_p()
    {
        // Probabilities 0.6, 0.3, 0.1: p = 0.85 needs the first two; p = 0.5 the first alone.
        float[] logits = [MathF.Log(0.3f), MathF.Log(0.6f), MathF.Log(0.1f)];
        var two = new TokenSampler(new SamplingOptions { TopP = 0.85f }, new Generator(4));
        Assert.Equal([0, 1], Enumerable.Range(0, 2000).Select(_ => two.Next(logits)).ToHashSet().Order());
        var one = new TokenSampler(new SamplingOptions { TopP = 0.5f }, new Generator(5));
        Assert.All(Enumerable.Range(0, 200).Select(_ => one.Next(logits)), t => Assert.Equal(1, t));
    }

    [Fact]
    public void Draws_follow_the_softmax_at_the_temperature()
    {
        float[] logits = [0f, MathF.Log(3f)];
        foreach (float temperature in new[] { 1f, 0.5f, 2f })
        {
            var sampler = new TokenSampler(new SamplingOptions { Temperature = temperature }, new Generator(6));
            int draws = 40_000, ones = Enumerable.Range(0, draws).Count(_ => sampler.Next(logits) == 1);
            double expected = Math.Pow(3, 1 / temperature) / (1 + Math.Pow(3, 1 / temperature));
            Assert.InRange(ones / (double)draws, expected - 0.01, expected + 0.01);
        }
    }

    [Fact]
    public void The_same_seed_draws_the_same_tokens()
    {
        int[] Draw(ulong seed)
        {
            var sampler = new TokenSampler(new SamplingOptions { Temperature = 0.8f, TopK = 4, TopP = 0.9f }, new Generator(seed));
            return Enumerable.Range(0, 50).Select(_ => sampler.Next(Logits)).ToArray();
        }
        Assert.Equal(Draw(7), Draw(7));
        Assert.NotEqual(Draw(7), Draw(8));
    }

    [Fact]
    public void Unusable_settings_and_logits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenSampler(new SamplingOptions { Temperature = 0f }, new Generator(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenSampler(new SamplingOptions { TopK = 0 }, new Generator(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenSampler(new SamplingOptions { TopP = 1.5f }, new Generator(1)));
        var sampler = new TokenSampler(new SamplingOptions(), new Generator(1));
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => sampler.Next([0f, float.NaN])).Message);
        Assert.Contains("−∞", Assert.Throws<ArgumentException>(() => sampler.Next([float.NegativeInfinity])).Message);
    }
}
