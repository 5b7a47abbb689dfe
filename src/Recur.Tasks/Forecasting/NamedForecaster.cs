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
    /// <summary>
    /// The column of <see cref="ForecastPoints"/> that holds <see cref="Values"/>, for the run's own forecasters: their
    /// values are then read as one span instead of point by point. Null for a forecaster made elsewhere.
    /// </summary>
    public ForecastValues? Column { get; private init; }

    /// <summary>The network, the default and the baselines of a run, in report order.</summary>
    public static IReadOnlyList<NamedForecaster> All(string networkName, int arOrder, string arimaName, int? season)
    {
        var list = new List<NamedForecaster>
        {
            new("default", "default forecaster", p => p.Default, false) { Column = ForecastValues.Default },
            new("network", networkName, p => p.Predicted, false) { Column = ForecastValues.Predicted },
            new("naive", "naive persistence", p => p.Naive, true) { Column = ForecastValues.Naive },
        };
        if (season is int m)
            list.Add(new("seasonal_naive", $"seasonal naive (m = {m})", p => p.SeasonalNaive!, true) { Column = ForecastValues.SeasonalNaive });
        list.Add(new("ar", $"AR({arOrder})", p => p.AutoRegressive, true) { Column = ForecastValues.AutoRegressive });
        list.Add(new("arima", arimaName, p => p.Arima, true) { Column = ForecastValues.Arima });
        return list;
    }

    /// <summary>Its forecasts over <paramref name="points"/>, flattened over the horizon (a span of the column when there is one).</summary>
    public ReadOnlySpan<double> Flatten(IReadOnlyList<ForecastPoint> points) =>
        Column is ForecastValues column ? ForecastPoints.Flatten(points, column) : points.SelectMany(Values).ToArray();

    /// <summary>Errors (forecast − actual) over <paramref name="points"/>, flattened over the horizon.</summary>
    public double[] Errors(IReadOnlyList<ForecastPoint> points)
    {
        var forecasts = Flatten(points);
        var actual = ForecastPoints.Flatten(points, ForecastValues.Actual);
        if (forecasts.Length != actual.Length)
            throw new ArgumentException($"{Name}: {forecasts.Length} forecasts for {actual.Length} actual values; each point must hold the horizon's values of both.");
        var errors = new double[actual.Length];
        for (int i = 0; i < errors.Length; i++) errors[i] = forecasts[i] - actual[i];
        return errors;
    }
}
