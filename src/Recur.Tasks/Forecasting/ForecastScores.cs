namespace Recur.Tasks.Forecasting;

/// <summary>RMSE, MAE and MAPE (percent) of one forecaster over the test span, in price units.</summary>
public sealed record ForecastScores(double Rmse, double Mae, double Mape)
{
    /// <summary>Scores the forecasts <paramref name="predicted"/> picks from each point against its actual values (flattened over the horizon).</summary>
    public static ForecastScores Of(IReadOnlyList<ForecastPoint> points, Func<ForecastPoint, double[]> predicted) =>
        Of(points.SelectMany(predicted).ToArray(), ForecastPoints.Flatten(points, ForecastValues.Actual));

    /// <summary>Scores <paramref name="forecaster"/> over <paramref name="points"/> (read as spans when they are a run's own).</summary>
    public static ForecastScores Of(IReadOnlyList<ForecastPoint> points, NamedForecaster forecaster) =>
        Of(forecaster.Flatten(points), ForecastPoints.Flatten(points, ForecastValues.Actual));

    /// <summary>Scores the values in column <paramref name="which"/> of <paramref name="points"/>.</summary>
    public static ForecastScores Of(IReadOnlyList<ForecastPoint> points, ForecastValues which) =>
        Of(ForecastPoints.Flatten(points, which), ForecastPoints.Flatten(points, ForecastValues.Actual));

    /// <summary>Scores <paramref name="predicted"/> against <paramref name="actual"/>, paired by position.</summary>
    /// <exception cref="ArgumentException">Different lengths.</exception>
    public static ForecastScores Of(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual) => new(
        Training.Metrics.RootMeanSquaredError(predicted, actual),
        Training.Metrics.MeanAbsoluteError(predicted, actual),
        Training.Metrics.MeanAbsolutePercentageError(predicted, actual));
}
