using Recur.Tests.TextClassification;
using Recur.Training;

namespace Recur.Tests.Training;

/// <summary>McNemar's test against statsmodels' mcnemar (exact binomial, and χ² with continuity correction).</summary>
public sealed class McNemarTestTests
{
    private static ScikitLearnFixture F => ScikitLearnFixture.Load();

    private static McNemarResult FromTable(int[] t, McNemarMethod method) => McNemarTest.FromCounts(t[0], t[1], t[2], t[3], method);

    [Theory]
    [InlineData("small")]
    [InlineData("balanced_small")]
    [InlineData("none_discordant")]
    [InlineData("one_sided")]
    [InlineData("large")]
    [InlineData("large_even")]
    [InlineData("very_large")]
    public void Exact_binomial_p_value_matches_statsmodels(string name)
    {
        var result = FromTable(F.Ints($"mcnemar.{name}.table"), McNemarMethod.ExactBinomial);
        Assert.Equal(F.Number($"mcnemar.{name}.exact.statistic"), result.Statistic);
        AssertRelative(F.Number($"mcnemar.{name}.exact.pvalue"), result.PValue, 1e-12);
    }

    [Theory]
    [InlineData("small")]
    [InlineData("balanced_small")]
    [InlineData("one_sided")]
    [InlineData("large")]
    [InlineData("large_even")]
    [InlineData("very_large")]
    public void Corrected_chi_squared_p_value_matches_statsmodels(string name)
    {
        var result = FromTable(F.Ints($"mcnemar.{name}.table"), McNemarMethod.ChiSquaredCorrected);
        AssertRelative(F.Number($"mcnemar.{name}.chi2.statistic"), result.Statistic, 1e-15);
        AssertRelative(F.Number($"mcnemar.{name}.chi2.pvalue"), result.PValue, 1e-12);
    }

    [Fact]
    public void Auto_is_exact_below_25_discordant_items_and_chi_squared_from_25()
    {
        Assert.Equal(McNemarMethod.ExactBinomial, McNemarTest.FromCounts(10, 12, 12, 0).Method);
        Assert.Equal(McNemarMethod.ChiSquaredCorrected, McNemarTest.FromCounts(10, 12, 13, 0).Method);
        Assert.Equal(1.0, McNemarTest.FromCounts(10, 0, 0, 3).PValue);
    }

    [Fact]
    public void Compare_counts_which_classifier_was_right_on_each_item()
    {
        int[] actual = [0, 1, 1, 0, 1, 0];
        int[] first = [0, 1, 0, 0, 0, 1];  // right on 0, 1, 3
        int[] second = [0, 0, 1, 1, 0, 1]; // right on 0, 2
        var result = McNemarTest.Compare(first, second, actual);
        Assert.Equal((1L, 2L, 1L, 2L), (result.BothCorrect, result.OnlyFirstCorrect, result.OnlySecondCorrect, result.BothWrong));
        Assert.Equal(3, result.Discordant);
        Assert.Equal(1.0 / 6, result.AccuracyDifference, 15);
        Assert.Equal(1.0, result.PValue); // 2·P(X ≤ 1), X ~ B(3, ½) = 2·4/8
        Assert.False(result.IsSignificant());
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        Assert.Contains("all three must be equal",
            Assert.Throws<ArgumentException>(() => McNemarTest.Compare([0, 1], [0], [0, 1])).Message);
        Assert.Contains("0/0", Assert.Throws<ArgumentException>(() => McNemarTest.FromCounts(5, 0, 0, 1, McNemarMethod.ChiSquaredCorrected)).Message);
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"expected {expected:R}, actual {actual:R} (relative difference {Math.Abs(actual - expected) / Math.Abs(expected):g3})");
}
