using Recur.Tasks.Forecasting;
using Recur.Tests.Parity;

namespace Recur.Tests.Forecasting;

/// <summary>
/// ARMA/ARIMA fits against statsmodels and scipy (<c>fixtures/arima.json</c>, written by <c>tools/reference/arima.py</c>).
/// The issue asks for 1e-3 in the coefficients; the two linear Hannan–Rissanen steps agree to rounding.
/// </summary>
public class ArimaReferenceTests
{
    private static DoubleFixture F => DoubleFixture.Load("arima.json");

    /// <summary>The series and orders the fixture fits, except GOOG's ill-identified ARMA(1,1) (tested by its sum of squares alone).</summary>
    public static TheoryData<string, int, int> WellIdentified => new()
    {
        { "arma21", 2, 1 }, { "arma21", 1, 1 }, { "arma21", 0, 0 }, { "arma12", 1, 2 }, { "arma12", 0, 2 },
        { "ar2", 2, 0 }, { "ar2", 1, 0 }, { "goog", 2, 0 }, { "goog", 0, 1 },
    };

    [Theory]
    [MemberData(nameof(WellIdentified))]
    [InlineData("goog", 1, 1)]
    public void Hannan_rissanen_matches_statsmodels(string series, int p, int q)
    {
        var fit = HannanRissanen.Fit(F.Values($"{series}.x"), p, q);

        string key = $"{series}.hr.{p}.{q}";
        DoubleFixture.AssertClose(F.Values($"{key}.ar"), fit.Ar, 1e-8, $"{key} AR");
        DoubleFixture.AssertClose(F.Values($"{key}.ma"), fit.Ma, 1e-8, $"{key} MA");
        Assert.Equal(F.Value($"{key}.sigma2"), fit.Sigma2, 1e-8 * F.Value($"{key}.sigma2"));
    }

    [Fact]
    public void Hannan_rissanen_on_differences_without_a_mean_matches_statsmodels_arima_class()
    {
        // statsmodels' ARIMA(closes, order=(1,1,1), trend='n') differences the closes itself and fits no mean.
        var closes = CumulativeSum(F.Values("goog.x"));
        var fit = HannanRissanen.Fit(ArimaModel.Difference(closes, 1), 1, 1, demean: false);

        DoubleFixture.AssertClose(F.Values("goog.arima111.ar"), fit.Ar, 1e-8, "AR");
        DoubleFixture.AssertClose(F.Values("goog.arima111.ma"), fit.Ma, 1e-8, "MA");
        Assert.Equal(F.Value("goog.arima111.sigma2"), fit.Sigma2, 1e-6);
    }

    [Theory]
    [MemberData(nameof(WellIdentified))]
    public void Conditional_sum_of_squares_matches_scipy_least_squares(string series, int p, int q)
    {
        var x = F.Values($"{series}.x");
        var model = ArimaModel.Fit(x, p, 0, q, x.Length - 1, includeMean: true, conditionOn: 3);

        string key = $"{series}.css.{p}.{q}";
        var c = model.Coefficients;
        DoubleFixture.AssertClose(F.Values($"{key}.params"), [c.Mean, .. c.Ar, .. c.Ma], 1e-6, key);
        Assert.Equal(F.Value($"{key}.ssr"), model.SumOfSquares, 1e-9 * F.Value($"{key}.ssr"));
        Assert.Equal(F.Value($"{key}.aic"), model.Aic, 1e-7);
    }

    [Fact]
    public void An_ill_identified_arma11_reaches_a_sum_of_squares_no_worse_than_scipys()
    {
        // On GOOG's daily changes φ ≈ −θ: the AR and MA roots nearly cancel and the surface is flat along a ridge, so two
        // minimisers may stop at different points of it; the sum of squares they reach must agree.
        var x = F.Values("goog.x");
        var model = ArimaModel.Fit(x, 1, 0, 1, x.Length - 1, includeMean: true, conditionOn: 3);

        Assert.True(model.SumOfSquares <= F.Value("goog.css.1.1.ssr") * (1 + 1e-9), $"SSR {model.SumOfSquares} vs scipy's {F.Value("goog.css.1.1.ssr")}");
    }

    [Fact]
    public void Aic_search_scores_every_order_as_the_reference_and_picks_the_true_one()
    {
        var x = F.Values("arma21.x");
        var selection = ArimaModel.Select(x, d: 0, maxP: 3, maxQ: 3, lastRow: x.Length - 1);

        var grid = F.Values("arma21.aic.grid");
        foreach (var candidate in selection.Candidates)
            Assert.Equal(grid[candidate.P * 4 + candidate.Q], candidate.Aic, 1e-6);
        var best = F.Values("arma21.aic.best");
        Assert.Equal(((int)best[0], (int)best[1]), (selection.Best.P, selection.Best.Q));
        Assert.Equal((2, 1), (selection.Best.P, selection.Best.Q));
    }

    [Fact]
    public void One_step_forecasts_match_the_reference_recursion()
    {
        var x = F.Values("arma21.x");
        var model = ArimaModel.Fit(x, 2, 0, 1, x.Length - 1, includeMean: true, conditionOn: 3);
        var expected = F.Values("arma21.css.2.1.forecast");
        for (int k = 5; k >= 1; k--)
            Assert.Equal(expected[5 - k], model.Forecast(x.AsSpan(0, x.Length - k), 1)[0], 1e-5);
    }

    [Fact]
    public void An_integrated_model_forecasts_the_last_level_plus_the_forecast_change()
    {
        var closes = CumulativeSum(F.Values("goog.x"));
        var integrated = ArimaModel.Fit(closes, 2, 1, 0, closes.Length - 1, includeMean: true, conditionOn: 3);
        var changes = ArimaModel.Fit(F.Values("goog.x"), 2, 0, 0, closes.Length - 2, includeMean: true, conditionOn: 3);

        DoubleFixture.AssertClose(F.Values("goog.css.2.0.params"), [integrated.Coefficients.Mean, .. integrated.Coefficients.Ar], 1e-6, "ARIMA(2,1,0)");
        var levels = integrated.Forecast(closes, 3);
        var steps = changes.Forecast(F.Values("goog.x"), 3);
        Assert.Equal(closes[^1] + steps[0], levels[0], 1e-9);
        Assert.Equal(closes[^1] + steps[0] + steps[1] + steps[2], levels[2], 1e-9);
    }

    private static double[] CumulativeSum(double[] changes)
    {
        var levels = new double[changes.Length + 1];
        for (int i = 0; i < changes.Length; i++) levels[i + 1] = levels[i] + changes[i];
        return levels;
    }
}
