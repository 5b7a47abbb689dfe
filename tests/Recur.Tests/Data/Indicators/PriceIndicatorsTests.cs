using Ind = Recur.Data.Indicators.PriceIndicators;

namespace Recur.Tests.Data.Indicators;

/// <summary>Indicators against values worked out by hand (spans chosen so α = 1/2 keeps every step exact) and numpy.</summary>
public sealed class PriceIndicatorsTests
{
    private static readonly double[] Prices = [10, 11, 12, 11, 13];

    [Fact]
    public void Simple_moving_average_is_nan_until_the_window_fills_then_the_window_mean()
    {
        double[] sma = Ind.SimpleMovingAverage(Prices, 3);
        Assert.Equal(5, sma.Length);
        Assert.True(double.IsNaN(sma[0]));
        Assert.True(double.IsNaN(sma[1]));
        Assert.Equal(11.0, sma[2]);               // (10 + 11 + 12) / 3
        Assert.Equal(34.0 / 3, sma[3], 12);       // (11 + 12 + 11) / 3
        Assert.Equal(12.0, sma[4]);               // (12 + 11 + 13) / 3
    }

    [Fact]
    public void Simple_moving_average_of_window_one_is_the_series_and_longer_than_series_is_all_nan()
    {
        Assert.Equal(Prices, Ind.SimpleMovingAverage(Prices, 1));
        Assert.All(Ind.SimpleMovingAverage(Prices, 6), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Moving_averages_default_to_5_20_60_120()
    {
        var values = Enumerable.Range(1, 130).Select(i => (double)i).ToArray();
        double[][] all = Ind.MovingAverages(values);
        Assert.Equal(4, all.Length);
        // For 1, 2, 3, … the mean of the last w values ending at index t is (t + 1) − (w − 1)/2.
        int[] windows = [5, 20, 60, 120];
        for (int i = 0; i < 4; i++)
        {
            Assert.True(double.IsNaN(all[i][windows[i] - 2]));
            Assert.Equal(130 - (windows[i] - 1) / 2.0, all[i][129], 9);
        }
        Assert.Equal(2, Ind.MovingAverages(values, 3, 7).Length);
    }

    [Fact]
    public void Exponential_moving_average_is_seeded_with_the_first_value_adjust_false()
    {
        // span 3 → α = 2/(3+1) = 1/2: ema = 10, (10+11)/2, (10.5+12)/2, (11.25+11)/2, (11.125+13)/2.
        Assert.Equal([10, 10.5, 11.25, 11.125, 12.0625], Ind.ExponentialMovingAverage(Prices, 3));
    }

    [Fact]
    public void Exponential_moving_average_skips_leading_nans_like_pandas()
    {
        double[] ema = Ind.ExponentialMovingAverage([double.NaN, 2, 4], 3);
        Assert.True(double.IsNaN(ema[0]));
        Assert.Equal(2.0, ema[1]);
        Assert.Equal(3.0, ema[2]);
    }

    [Fact]
    public void Exponential_moving_average_rejects_a_nan_inside_the_series()
    {
        var e = Assert.Throws<ArgumentException>(() => Ind.ExponentialMovingAverage([1, double.NaN, 3], 3));
        Assert.Contains("values[1]", e.Message);
    }

    [Fact]
    public void Macd_with_small_spans_matches_hand_values()
    {
        // fast 1 → the series itself; slow 3 → the EMA above; signal 3 → α = 1/2 over the MACD line.
        var r = Ind.Macd(Prices, fast: 1, slow: 3, signal: 3);
        Assert.Equal([0, 0.5, 0.75, -0.125, 0.9375], r.Macd);
        Assert.Equal([0, 0.25, 0.5, 0.1875, 0.5625], r.Signal);
        Assert.Equal([0, 0.25, 0.25, -0.3125, 0.375], r.Histogram);
    }

    [Fact]
    public void Macd_12_26_9_matches_numpy_reference()
    {
        // Reference: the pandas adjust=False recursion written out in numpy over the same series.
        double[] x = Enumerable.Range(0, 40).Select(k => 100 + 5 * Math.Sin(0.4 * k) + 0.3 * k).ToArray();
        var r = Ind.Macd(x);
        (int T, double Macd, double Signal, double Hist)[] expected =
        [
            (1, 0.1792551792684094, 0.03585103585368188, 0.14340414341472751),
            (10, 0.5020623530011363, 0.8338805109127377, -0.3318181579116014),
            (25, 1.6959190716493424, 1.7094393404108061, -0.013520268761463727),
            (39, 2.679245828410501, 2.271326552771636, 0.40791927563886476),
        ];
        foreach (var (t, macd, signal, hist) in expected)
        {
            Assert.Equal(macd, r.Macd[t], 1e-10);
            Assert.Equal(signal, r.Signal[t], 1e-10);
            Assert.Equal(hist, r.Histogram[t], 1e-10);
        }
    }

    [Theory]
    [InlineData(0, 26, 9, "fast")]
    [InlineData(12, 12, 9, "slow")]
    [InlineData(26, 12, 9, "slow")]
    [InlineData(12, 26, 0, "signal")]
    public void Macd_rejects_bad_spans_naming_the_argument(int fast, int slow, int signal, string argument)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ind.Macd(Prices, fast, slow, signal));
        Assert.Equal(argument, e.ParamName);
    }

    [Fact]
    public void Window_and_span_below_one_are_rejected()
    {
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => Ind.SimpleMovingAverage(Prices, 0)).ParamName);
        Assert.Equal("span", Assert.Throws<ArgumentOutOfRangeException>(() => Ind.ExponentialMovingAverage(Prices, 0)).ParamName);
    }

    [Fact]
    public void Daily_returns_are_nan_then_relative_change()
    {
        double[] r = Ind.DailyReturns([100, 110, 99, 99]);
        Assert.True(double.IsNaN(r[0]));
        Assert.Equal(0.1, r[1], 15);     // (110 − 100) / 100
        Assert.Equal(-0.1, r[2], 15);    // (99 − 110) / 110
        Assert.Equal(0.0, r[3]);
        Assert.Empty(Ind.DailyReturns([]));
    }

    [Fact]
    public void Daily_returns_from_zero_name_the_index()
    {
        var e = Assert.Throws<ArgumentException>(() => Ind.DailyReturns([1, 0, 2]));
        Assert.Contains("values[1] is 0", e.Message);
    }

    [Fact]
    public void Rises_at_least_labels_each_day_by_the_next_days_close()
    {
        // 100 → 101 is +1 % (≥ 1 %: 1), 101 → 101.5 is +0.495 % (0), 101.5 → 90 falls (0), 90 → 100 is +11 % (1).
        Assert.Equal([1, 0, 0, 1], Ind.RisesAtLeast([100, 101, 101.5, 90, 100], 1));
        // With 0 %, an unchanged close counts as a rise; a fall does not.
        Assert.Equal([1, 0], Ind.RisesAtLeast([5, 5, 4], 0));
        Assert.Empty(Ind.RisesAtLeast([5], 2));
    }

    [Fact]
    public void Rises_at_least_rejects_empty_and_non_finite_input()
    {
        Assert.Throws<ArgumentException>(() => Ind.RisesAtLeast([], 1));
        var e = Assert.Throws<ArgumentException>(() => Ind.RisesAtLeast([1, 2, double.NaN], 1));
        Assert.Contains("close[2]", e.Message);
    }

    [Fact]
    public void Rises_within_looks_at_the_highest_close_of_the_next_days()
    {
        // From 100: +3 % after two days (≥ 3 % within 2: 1); from 101: 103 is +1.98 % (0), …
        double[] close = [100, 101, 103, 99, 104, 90];
        Assert.Equal([1, 0, 0, 1], Ind.RisesWithin(close, 3, 2));
        Assert.Equal(Ind.RisesAtLeast(close, 3), Ind.RisesWithin(close, 3, 1));
        Assert.Equal([1, 1, 1], Ind.RisesWithin(close, 0.9, 3));
        Assert.Empty(Ind.RisesWithin(close, 1, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ind.RisesWithin(close, 1, 0));
    }
}
