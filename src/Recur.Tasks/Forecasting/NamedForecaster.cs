namespace Recur.Tasks.Forecasting;

/// <summary>
/// A forecaster whose values a <see cref="ForecastPoint"/> holds, with the name reports give it and the key JSON uses.
/// </summary>
/// <param name="Key">The JSON key: "network", "default", "naive", "seasonal_naive", "ar", "arima".</param>
/// <param name="Name">The name in reports: "naive persistence", "AR(7)", "ARIMA(0,1,1)", …</param>
/// <param name="Values">Its forecasts in a point.</param>
/// <param name="IsBaseline">True for the statistical baselines the network is judged against.</param>
public sealed record NamedForecaster(string Key, string Name, Func<ForecastPoint, double[]> Values, bool IsBaseline)
{
    /// <summary>The network, the default and the baselines of a run, in report order.</summary>
    public static IReadOnlyList<NamedForecaster> All(string networkName, int arOrder, string arimaName, int? season)
    {
        var list = new List<NamedForecaster>
        {
            new("default", "default forecaster", p => p.Default, false),
            new("network", networkName, p => p.Predicted, false),
            new("naive", "naive persistence", p => p.Naive, true),
        };
        if (season is int m) list.Add(new("seasonal_naive", $"seasonal naive (m = {m})", p => p.SeasonalNaive!, true));
        list.Add(new("ar", $"AR({arOrder})", p => p.AutoRegressive, true));
        list.Add(new("arima", arimaName, p => p.Arima, true));
        return list;
    }

    /// <summary>Errors (forecast − actual) over <paramref name="points"/>, flattened over the horizon.</summary>
    public double[] Errors(IReadOnlyList<ForecastPoint> points) =>
        points.SelectMany(p => Values(p).Zip(p.Actual, (f, a) => f - a)).ToArray();
}
