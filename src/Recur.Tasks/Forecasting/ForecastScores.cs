namespace Recur.Tasks.Forecasting;

/// <summary>RMSE, MAE and MAPE (percent) of one forecaster over the test span, in price units.</summary>
public sealed record ForecastScores(double Rmse, double Mae, double Mape)
{
    /// <summary>Scores the forecasts <paramref name="predicted"/> picks from each point against its actual values (flattened over the horizon).</summary>
    public static ForecastScores Of(IReadOnlyList<ForecastPoint> points, Func<ForecastPoint, double[]> predicted)
    {
        var p = points.SelectMany(predicted).ToArray();
        var a = points.SelectMany(x => x.Actual).ToArray();
        return new ForecastScores(
            Training.Metrics.RootMeanSquaredError(p, a),
            Training.Metrics.MeanAbsoluteError(p, a),
            Training.Metrics.MeanAbsolutePercentageError(p, a));
    }
}
