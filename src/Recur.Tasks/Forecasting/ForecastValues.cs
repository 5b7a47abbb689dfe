namespace Recur.Tasks.Forecasting;

/// <summary>Which values of a test window a column of <see cref="ForecastPoints"/> holds (one per field of <see cref="ForecastPoint"/>).</summary>
public enum ForecastValues
{
    /// <summary><see cref="ForecastPoint.Actual"/>.</summary>
    Actual,
    /// <summary><see cref="ForecastPoint.Predicted"/>, the network's.</summary>
    Predicted,
    /// <summary><see cref="ForecastPoint.Naive"/>.</summary>
    Naive,
    /// <summary><see cref="ForecastPoint.AutoRegressive"/>.</summary>
    AutoRegressive,
    /// <summary><see cref="ForecastPoint.Arima"/>.</summary>
    Arima,
    /// <summary><see cref="ForecastPoint.Default"/>.</summary>
    Default,
    /// <summary><see cref="ForecastPoint.SeasonalNaive"/>.</summary>
    SeasonalNaive,
}
