using Recur.Data.Indicators;
using Recur.Data.Prices;

namespace Recur.Tasks.RiseClassification;

/// <summary>
/// The up/down exercise's features of a day, from its price (and volume) history: the course's moving averages over 5,
/// 20, 60 and 120 days and MACD (12, 26, 9), daily returns and volume changes. The default set is scale-free — averages
/// as ratios to the close, MACD as a fraction of it — because Samsung's close went from 6,000 to 80,000 won over the
/// file: a level feature seen at 6,000 in training would meet values far outside its range in the test span. The levels
/// are in the catalogue too, for those who want to see that happen.
/// </summary>
public static class RiseFeatures
{
    private const int Fast = 12, Slow = 26, Signal = 9;

    /// <summary>Every feature by name, with what it is.</summary>
    public static IReadOnlyDictionary<string, string> Catalogue { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ma5_ratio"] = "5-day simple moving average of the close ÷ the close",
        ["ma20_ratio"] = "20-day moving average ÷ the close",
        ["ma60_ratio"] = "60-day moving average ÷ the close",
        ["ma120_ratio"] = "120-day moving average ÷ the close",
        ["macd"] = "MACD line, EMA(12) − EMA(26) of the close, ÷ the close",
        ["macd_signal"] = "MACD's signal line, EMA(9) of the MACD line, ÷ the close",
        ["macd_histogram"] = "MACD line − signal line, ÷ the close",
        ["return"] = "daily return, close ÷ previous close − 1",
        ["volume_change"] = "ln((volume + 1) ÷ (previous volume + 1))",
        ["close"] = "the close (a level)",
        ["ma5"] = "5-day moving average (a level)",
        ["ma20"] = "20-day moving average (a level)",
        ["ma60"] = "60-day moving average (a level)",
        ["ma120"] = "120-day moving average (a level)",
        ["volume"] = "the volume (a level)",
    };

    /// <summary>The default, scale-free features (<c>volume_change</c> only when the file has a volume column).</summary>
    public static IReadOnlyList<string> Default { get; } =
        ["ma5_ratio", "ma20_ratio", "ma60_ratio", "ma120_ratio", "macd", "macd_signal", "macd_histogram", "return", "volume_change"];

    /// <summary>The features that need a volume column.</summary>
    public static bool NeedsVolume(string name) => name is "volume_change" or "volume";

    /// <summary>
    /// Computes <paramref name="names"/> (or the default set) for every row of <paramref name="series"/> from its
    /// <paramref name="price"/> column (and <paramref name="volume"/> column). A default set on a file without volume drops
    /// <c>volume_change</c> and says so in <paramref name="notes"/>; a named feature the file cannot give is an error.
    /// </summary>
    public static RiseFeatureMatrix Compute(PriceSeries series, string price, string volume, IReadOnlyList<string>? names, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(series);
        var close = series.Column(price);
        bool hasVolume = series.HasColumn(volume);
        var chosen = (names ?? Default).ToList();
        if (!hasVolume && chosen.Any(NeedsVolume))
        {
            if (names is not null)
                throw new RiseSettingException(RiseSetting.Features,
                    $"asks for {string.Join(" and ", chosen.Where(NeedsVolume))}, but {series.SourceFile ?? "the series"} has no '{volume}' column.");
            chosen.RemoveAll(NeedsVolume);
            notes.Add($"The file has no '{volume}' column, so volume_change is not among the features.");
        }
        for (int t = 0; t < close.Length; t++)
            if (!(close[t] > 0))
                throw new ArgumentException($"{series.SourceFile ?? "the series"}: the {price} of row {t + 1} (oldest first) is {close[t]}; returns and ratios need positive prices.");
        double[]? vol = hasVolume ? series.Column(volume) : null;
        var macd = PriceIndicators.Macd(close, Fast, Slow, Signal);

        int rows = close.Length;
        var values = new double[rows, chosen.Count];
        int firstRow = 0;
        string warmUp = "the first day's return";
        for (int c = 0; c < chosen.Count; c++)
        {
            var (column, first, why) = Column(chosen[c], close, vol, macd);
            for (int r = 0; r < rows; r++) values[r, c] = column[r];
            if (first > firstRow) (firstRow, warmUp) = (first, why);
        }
        return new RiseFeatureMatrix(chosen, values, firstRow, warmUp);
    }

    // A feature's values, its first defined row, and what that row waits for.
    private static (double[] Values, int FirstRow, string WarmUp) Column(string name, double[] close, double[]? volume, MacdResult macd)
    {
        int n = close.Length;
        double[] Map(Func<int, double> f) => Enumerable.Range(0, n).Select(f).ToArray();
        (double[], int, string) Average(int days, bool ratio)
        {
            var sma = PriceIndicators.SimpleMovingAverage(close, days);
            return (ratio ? Map(t => sma[t] / close[t]) : sma, days - 1, $"the {days}-day moving average");
        }
        const string MacdWarmUp = "MACD's 26-day and 9-day averages";
        return name switch
        {
            "ma5_ratio" => Average(5, true),
            "ma20_ratio" => Average(20, true),
            "ma60_ratio" => Average(60, true),
            "ma120_ratio" => Average(120, true),
            "ma5" => Average(5, false),
            "ma20" => Average(20, false),
            "ma60" => Average(60, false),
            "ma120" => Average(120, false),
            "macd" => (Map(t => macd.Macd[t] / close[t]), Slow + Signal - 2, MacdWarmUp),
            "macd_signal" => (Map(t => macd.Signal[t] / close[t]), Slow + Signal - 2, MacdWarmUp),
            "macd_histogram" => (Map(t => macd.Histogram[t] / close[t]), Slow + Signal - 2, MacdWarmUp),
            "return" => (PriceIndicators.DailyReturns(close), 1, "the first day's return"),
            "volume_change" => (Map(t => t == 0 ? double.NaN : Math.Log((volume![t] + 1) / (volume[t - 1] + 1))), 1, "the first day's volume change"),
            "close" => (close, 0, "the first day"),
            "volume" => (volume!, 0, "the first day"),
            _ => throw new RiseSettingException(RiseSetting.Features, $"names '{name}', which is not a feature; the features are {string.Join(", ", Catalogue.Keys)}."),
        };
    }
}
