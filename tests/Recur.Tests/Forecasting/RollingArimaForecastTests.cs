using Recur.Tasks.Forecasting;
using Recur.Tests.Parity;

namespace Recur.Tests.Forecasting;

/// <summary>
/// Forecasts along a test span (issue 16, item 4): <see cref="RollingArimaForecast"/> carries the residuals from one
/// history to the next instead of recomputing them from the start (which made scoring a test span quadratic in its
/// length). Carried forward, they must give the bits a forecast from scratch gives, which
/// <see cref="ArimaReferenceTests"/> holds against statsmodels' recursion.
/// </summary>
public class RollingArimaForecastTests
{
    private static DoubleFixture F => DoubleFixture.Load("arima.json");

    [Theory]
    [InlineData(2, 0, 1, 3)]
    [InlineData(1, 1, 2, 2)]
    [InlineData(2, 2, 2, 2)]
    [InlineData(0, 1, 1, 1)]
    [InlineData(3, 1, 0, 3)]
    public void Forecasts_carried_along_a_series_equal_forecasts_from_each_history_bit_for_bit(int p, int d, int q, int conditionOn)
    {
        var levels = CumulativeSum(F.Values("goog.x"));
        int fitted = levels.Length / 2;
        var model = ArimaModel.Fit(levels, p, d, q, fitted, includeMean: true, conditionOn: conditionOn);
        var along = model.Along(levels);

        // Every history from the shortest the model takes to the whole series; some ends asked twice, some skipped.
        for (int end = d + conditionOn + 1; end <= levels.Length; end += end % 7 == 0 ? 3 : 1)
        {
            var fromScratch = new RollingArimaForecast(model, levels[..end]).Forecast(end, 4);
            Assert.Equal(fromScratch, along.Forecast(end, 4));
            if (end % 5 == 0) Assert.Equal(fromScratch, along.Forecast(end, 4));
        }
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 2, 2, 2)]
    public void Forecasts_into_a_span_are_the_arrays_bits_and_allocate_nothing(int p, int d, int q, int conditionOn)
    {
        // A long test span forecasts once per window: the span overload reuses the model's buffers.
        var levels = CumulativeSum(F.Values("goog.x"));
        var model = ArimaModel.Fit(levels, p, d, q, levels.Length / 2, includeMean: true, conditionOn: conditionOn);
        var (along, alongIntoSpan) = (model.Along(levels), model.Along(levels));
        Span<double> forecast = stackalloc double[3];
        alongIntoSpan.Forecast(levels.Length / 2, forecast);   // the buffers made once, outside the count

        long allocated = 0;
        for (int end = levels.Length / 2 + 1; end <= levels.Length; end++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            alongIntoSpan.Forecast(end, forecast);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(along.Forecast(end, 3), forecast.ToArray());
        }
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_history_shorter_than_the_last_one_is_refused()
    {
        var levels = CumulativeSum(F.Values("goog.x"));
        var along = ArimaModel.Fit(levels, 1, 1, 1, levels.Length - 1).Along(levels);
        along.Forecast(50, 1);

        var e = Assert.Throws<ArgumentException>(() => along.Forecast(49, 1));

        Assert.Contains("forecasts go forward", e.Message);
    }

    [Fact]
    public void An_order_search_on_a_long_series_allocates_no_array_of_its_length_per_step()
    {
        // The conditional-sum-of-squares fit kept the Jacobian and residuals and made a new pair of them for every trial
        // step (27 GB on a million training rows); it now sums JᵀJ and Jᵀε as it goes. 50,000 values are 0.4 MB.
        var random = new Random(7);
        var levels = new double[50_000];
        double change = 0;
        for (int t = 1; t < levels.Length; t++)
        {
            change = 0.3 * change + random.NextDouble() - 0.5;   // an ARIMA(1,1,0) walk
            levels[t] = levels[t - 1] + change;
        }
        ArimaModel.Select(levels.AsSpan(0, 1_000), 1, 1, 1, 999);   // code and statics made once, outside the count

        long before = GC.GetAllocatedBytesForCurrentThread();
        var selection = ArimaModel.Select(levels, 1, 1, 1, levels.Length - 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(4, selection.Candidates.Count);
        long series = levels.Length * sizeof(double);
        // The differences, taken once for the four candidates, and small arrays per step.
        Assert.True(allocated < 2 * series, $"the search over a {series / 1e6:0.0} MB series allocated {allocated / 1e6:0.0} MB.");
    }

    private static double[] CumulativeSum(double[] changes)
    {
        var levels = new double[changes.Length + 1];
        levels[0] = 100;
        for (int i = 0; i < changes.Length; i++) levels[i + 1] = levels[i] + changes[i];
        return levels;
    }
}
