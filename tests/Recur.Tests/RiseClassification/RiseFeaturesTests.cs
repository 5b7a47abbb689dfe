using Recur.Data.Indicators;
using Recur.Data.Prices;
using Recur.Tasks.RiseClassification;

namespace Recur.Tests.RiseClassification;

/// <summary>The features are the course's indicators, scale-free, defined from the longest average's warm-up on.</summary>
public class RiseFeaturesTests
{
    private static PriceSeries Series(int rows, bool volume = true)
    {
        var close = Enumerable.Range(0, rows).Select(i => 100 + 0.1 * i + 5 * Math.Sin(i / 7.0)).ToArray();
        var columns = new List<double[]> { close };
        var names = new List<string> { "Close" };
        if (volume)
        {
            columns.Add(Enumerable.Range(0, rows).Select(i => i % 5 == 0 ? 0.0 : 1000.0 + i).ToArray());
            names.Add("Volume");
        }
        return new PriceSeries(names, columns);
    }

    [Fact]
    public void Default_features_start_after_the_120_day_average_and_are_ratios_to_the_close()
    {
        var series = Series(200);
        var features = RiseFeatures.Compute(series, "Close", "Volume", null, []);

        Assert.Equal(RiseFeatures.Default, features.Names);
        Assert.Equal(119, features.FirstRow);
        Assert.Contains("120-day", features.WarmUp);
        var close = series.Column("Close");
        var ma20 = PriceIndicators.SimpleMovingAverage(close, 20);
        var macd = PriceIndicators.Macd(close);
        int t = 150;
        Assert.Equal(ma20[t] / close[t], features.Values[t, 1], 12);
        Assert.Equal(macd.Histogram[t] / close[t], features.Values[t, 6], 12);
        Assert.Equal(close[t] / close[t - 1] - 1, features.Values[t, 7], 12);
        // Volume 0 on every fifth day: the change is still defined, ln((v + 1) / (previous + 1)).
        Assert.Equal(Math.Log(1.0 / (1000 + 149 + 1)), features.Values[150, 8], 12);
    }

    [Fact]
    public void A_file_without_volume_drops_volume_change_from_the_default_with_a_note_but_refuses_it_by_name()
    {
        var notes = new List<string>();
        var features = RiseFeatures.Compute(Series(200, volume: false), "Close", "Volume", null, notes);

        Assert.DoesNotContain("volume_change", features.Names);
        Assert.Contains(notes, n => n.Contains("volume_change", StringComparison.Ordinal));
        var e = Assert.Throws<RiseSettingException>(() => RiseFeatures.Compute(Series(200, volume: false), "Close", "Volume", ["return", "volume_change"], []));
        Assert.Equal(RiseSetting.Features, e.Setting);
    }

    [Fact]
    public void Without_the_long_averages_the_samples_start_after_macds_warm_up()
    {
        var features = RiseFeatures.Compute(Series(200), "Close", "Volume", ["ma5_ratio", "macd", "return"], []);

        Assert.Equal(33, features.FirstRow);   // the 34th day: EMA(26) settles on day 26, then EMA(9) of the MACD line
    }
}
