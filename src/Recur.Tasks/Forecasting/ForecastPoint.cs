namespace Recur.Tasks.Forecasting;

/// <summary>
/// One test window's forecast in price units: the row (and date, when the file has dates) of its first target, and per
/// horizon step the actual value, the network's forecast, the default forecaster's, and the baselines'.
/// </summary>
/// <param name="Row">Row of the window's first target (0-based, oldest row first).</param>
/// <param name="Date">That row's date, when the file has dates.</param>
/// <param name="Actual">The actual values.</param>
/// <param name="Predicted">The network's forecasts.</param>
/// <param name="Naive">Persistence: the last known value.</param>
/// <param name="AutoRegressive">The AR(p) baseline's forecasts.</param>
/// <param name="Arima">The ARIMA baseline's forecasts.</param>
/// <param name="Default">The default forecaster's (<see cref="ForecastChoice"/>).</param>
/// <param name="SeasonalNaive">The value one season earlier, when a season is given; else null.</param>
public sealed record ForecastPoint(int Row, DateOnly? Date, double[] Actual, double[] Predicted, double[] Naive, double[] AutoRegressive,
    double[] Arima, double[] Default, double[]? SeasonalNaive);
