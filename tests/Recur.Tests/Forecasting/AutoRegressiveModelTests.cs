using Recur.Tasks.Forecasting;

namespace Recur.Tests.Forecasting;

public class AutoRegressiveModelTests
{
    [Fact]
    public void Recovers_the_coefficients_of_a_noise_free_AR2_series_at_price_scale()
    {
        // y_t = 50 + 0.6 y_{t−1} + 0.3 y_{t−2}: fixed point 500, started away from it so the lags are not collinear.
        var y = new double[80];
        y[0] = 700;
        y[1] = 350;
        for (int t = 2; t < y.Length; t++) y[t] = 50 + 0.6 * y[t - 1] + 0.3 * y[t - 2];

        var ar = AutoRegressiveModel.Fit(y, order: 2, lastRow: 59);

        Assert.Equal(50, ar.Intercept, 6);
        Assert.Equal(0.6, ar.Weights[0], 9);
        Assert.Equal(0.3, ar.Weights[1], 9);
        var forecast = ar.Forecast(y.AsSpan(0, 60), steps: 3);
        for (int s = 0; s < 3; s++) Assert.Equal(y[60 + s], forecast[s], 6);
    }

    [Fact]
    public void Least_squares_matches_the_hand_solved_line_fit()
    {
        // AR(1) on 1, 2, 4, 8: rows (1→2), (2→4), (4→8) fit y = 0 + 2·x exactly.
        var ar = AutoRegressiveModel.Fit([1, 2, 4, 8], order: 1, lastRow: 3);
        Assert.Equal(0, ar.Intercept, 9);
        Assert.Equal(2, ar.Weights[0], 9);
        Assert.Equal(16, ar.Forecast([8], 1)[0], 9);
    }

    [Fact]
    public void Forecasts_into_a_span_are_the_arrays_bits_and_allocate_nothing()
    {
        var random = new Random(3);
        var y = Enumerable.Range(0, 300).Select(t => 100 + 10 * Math.Sin(t / 9.0) + 0.05 * t + random.NextDouble()).ToArray();
        var ar = AutoRegressiveModel.Fit(y, order: 7, lastRow: 199);
        Span<double> forecast = stackalloc double[4];
        ar.Forecast(y.AsSpan(0, 200), forecast);   // code made once, outside the count

        long allocated = 0;
        for (int end = 200; end <= y.Length; end++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            ar.Forecast(y.AsSpan(0, end), forecast);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(ar.Forecast(y.AsSpan(0, end), 4), forecast.ToArray());
        }
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Too_short_a_training_span_is_an_error_that_says_how_many_values_are_needed()
    {
        var e = Assert.Throws<ArgumentException>(() => AutoRegressiveModel.Fit([1, 2, 3, 4], order: 3, lastRow: 3));
        Assert.Contains("AR(3) needs at least", e.Message);
    }
}
