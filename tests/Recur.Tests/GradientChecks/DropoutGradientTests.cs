using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>Dropout's gradient is its mask: checked against the mask implied by a forward with the same generator seed.</summary>
public class DropoutGradientTests
{
    private const float P = 0.3f;
    private const ulong Seed = 11;

    /// <summary>The mask a forward with a fresh <c>Generator(Seed)</c> applies, read off the output as y/x.</summary>
    private static double[] ImpliedMask(CheckInput x)
    {
        Tensor y;
        using (new NoGradScope())
            y = x.ToTensor().Dropout(P, training: true, new Generator(Seed));
        var yv = y.ToArray();
        return yv.Select((v, i) => (double)v / x.Values[i]).ToArray();
    }

    [Fact]
    public void Dropout_in_training_keeps_each_element_at_scale_or_zeroes_it_at_rate_p()
    {
        var x = CheckInput.AwayFromZero("x", 71, 0.5, 2, 40, 50);
        var mask = ImpliedMask(x);
        double scale = 1 / (1 - (double)P);
        foreach (var m in mask)
            Assert.True(Math.Abs(m) < 1e-12 || Math.Abs(m - scale) < 1e-5, $"mask value {m} is neither 0 nor 1/(1-p) = {scale}");
        double zeroFraction = mask.Count(m => m == 0) / (double)mask.Length;
        // 2000 Bernoulli(0.3) draws: standard deviation ≈ 0.0102; allow 5σ.
        Assert.InRange(zeroFraction, P - 0.051, P + 0.051);
    }

    [Fact]
    public void Dropout_in_training_gradient_matches_finite_differences()
    {
        var x = CheckInput.AwayFromZero("x", 72, 0.5, 2, 6, 7);
        var implied = ImpliedMask(x);
        double scale = 1 / (1 - (double)P);
        var mask = implied.Select(m => m == 0 ? 0 : scale).ToArray();
        Assert.Contains(0.0, mask);
        Assert.Contains(scale, mask);
        GradientCheck.AgainstReference("dropout training", t => t[0].Dropout(P, training: true, new Generator(Seed)),
            t => new DoubleTensor(t[0].Data.Select((v, i) => v * mask[i]).ToArray(), t[0].Shape), x);
    }

    [Fact]
    public void Dropout_in_evaluation_is_the_identity_with_identity_gradient() =>
        GradientCheck.AgainstReference("dropout eval", t => t[0].Dropout(0.5f, training: false, new Generator(Seed)),
            t => t[0].Map(v => v), CheckInput.Uniform("x", 73, -2, 2, 4, 5));

    [Fact]
    public void Dropout_with_p_zero_in_training_is_the_identity() =>
        GradientCheck.AgainstReference("dropout p=0", t => t[0].Dropout(0f, training: true, new Generator(Seed)),
            t => t[0].Map(v => v), CheckInput.Uniform("x", 74, -2, 2, 4, 5));

    [Fact]
    public void Dropout_with_the_same_seed_draws_the_same_mask_and_another_seed_a_different_one()
    {
        var x = Tensor.Ones(200);
        var a = x.Dropout(0.5f, true, new Generator(3)).ToArray();
        var b = x.Dropout(0.5f, true, new Generator(3)).ToArray();
        var c = x.Dropout(0.5f, true, new Generator(4)).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Dropout_zeroes_exactly_the_elements_whose_uniform_draw_is_below_p()
    {
        // 1,001 elements: whole vectors and a remainder.
        var draws = new float[1001];
        new Generator(17).FillUniform(draws);
        var y = Tensor.Ones(1001).Dropout(0.3f, true, new Generator(17)).ToArray();
        for (int i = 0; i < draws.Length; i++)
            Assert.Equal(draws[i] < 0.3f ? 0f : 1f / (1f - 0.3f), y[i]);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void Dropout_rejects_a_probability_outside_0_to_1(float p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Ones(3).Dropout(p, true, new Generator(1)));
}
