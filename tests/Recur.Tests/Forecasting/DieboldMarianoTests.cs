using Recur.Tasks.Forecasting;
using Recur.Tests.Parity;

namespace Recur.Tests.Forecasting;

/// <summary>
/// The Diebold–Mariano test and Student's t tails against <c>fixtures/diebold_mariano.json</c>
/// (<c>tools/reference/diebold_mariano.py</c>: scipy's t distribution, the statistic written out in numpy).
/// </summary>
public class DieboldMarianoTests
{
    private static DoubleFixture F => DoubleFixture.Load("diebold_mariano.json");

    [Fact]
    public void Student_t_tails_match_scipy()
    {
        var cases = F.Values("t.cases");
        var expected = F.Values("t.two_sided");
        for (int i = 0; i < expected.Length; i++)
        {
            double p = StudentT.TwoSidedTail(cases[2 * i], (int)cases[2 * i + 1]);
            Assert.True(Math.Abs(p - expected[i]) <= 1e-12 + 1e-9 * expected[i], $"t = {cases[2 * i]}, df = {cases[2 * i + 1]}: {p:R} vs scipy's {expected[i]:R}");
        }
    }

    [Theory]
    [InlineData("small")]
    [InlineData("goog_sized")]
    [InlineData("long")]
    [InlineData("three_step")]
    public void Statistic_lag_and_p_value_match_the_reference(string name)
    {
        var result = DieboldMariano.Test(F.Values($"dm.{name}.a"), F.Values($"dm.{name}.b"), (int)F.Value($"dm.{name}.h"));

        DoubleFixture.AssertClose(F.Values($"dm.{name}.result"), [result.MeanDifference, result.Statistic, result.PValue, result.Lag], 1e-10, name);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void The_test_from_forecasts_and_actual_values_is_the_test_from_their_errors_bit_for_bit(int horizon)
    {
        var actual = Enumerable.Range(0, 500).Select(i => 100 + Math.Sin(i / 7.0) * 5 + i * 0.01).ToArray();
        var a = actual.Select((y, i) => y + 0.3 * Math.Cos(i * 1.3)).ToArray();
        var b = actual.Select((y, i) => y + 0.25 * Math.Sin(i * 0.7) + 0.01).ToArray();
        double[] errorsA = a.Zip(actual, (f, y) => f - y).ToArray(), errorsB = b.Zip(actual, (f, y) => f - y).ToArray();

        Assert.Equal(DieboldMariano.Test(errorsA, errorsB, horizon), DieboldMariano.Test(a, b, actual, horizon));
    }

    [Fact]
    public void Forecasts_of_other_lengths_than_the_actual_values_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => DieboldMariano.Test([1.0, 2, 3], [1.0, 2, 3, 4], [1.0, 2, 3]));

        Assert.Contains("3 forecasts of A and 4 of B for 3 actual values", e.Message);
    }

    [Fact]
    public void Identical_forecasts_show_no_difference()
    {
        double[] errors = [1, -2, 0.5, 3];
        var result = DieboldMariano.Test(errors, errors);

        Assert.Equal(1, result.PValue);
        Assert.Equal("no detectable difference", result.Verdict);
    }

    [Fact]
    public void Much_smaller_errors_are_better_and_much_larger_worse()
    {
        var noise = Enumerable.Range(0, 200).Select(i => Math.Sin(i * 1.7) + 0.3 * Math.Cos(i * 0.31)).ToArray();
        var small = noise.Select(e => 0.2 * e).ToArray();

        Assert.Equal("better", DieboldMariano.Test(small, noise).Verdict);
        Assert.Equal("worse", DieboldMariano.Test(noise, small).Verdict);
    }

    [Fact]
    public void Unpaired_errors_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => DieboldMariano.Test([1, 2, 3], [1, 2]));
        Assert.Contains("same targets", e.Message);
    }

    [Theory]
    [InlineData(new[] { 0.5 }, true)]
    [InlineData(new[] { 1.0 }, false)]           // unit root
    [InlineData(new[] { 1.2, -0.5 }, true)]
    [InlineData(new[] { 0.5, 0.6 }, false)]      // 1 − 0.5z − 0.6z² has a root inside the circle
    [InlineData(new double[0], true)]
    public void Stationarity_of_an_ar_polynomial(double[] phi, bool stationary)
    {
        Assert.Equal(stationary, new ArmaCoefficients(0, phi, [], 1).IsStationary);
    }

    [Theory]
    [InlineData(new[] { 0.5 }, true)]
    [InlineData(new[] { -1.5 }, false)]
    [InlineData(new[] { -0.3, 0.25 }, true)]
    public void Invertibility_of_an_ma_polynomial(double[] theta, bool invertible)
    {
        Assert.Equal(invertible, new ArmaCoefficients(0, [], theta, 1).IsInvertible);
    }
}
