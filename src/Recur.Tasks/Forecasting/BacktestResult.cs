using Recur.Data.Prices;

namespace Recur.Tasks.Forecasting;

/// <summary>A walk-forward backtest: every fold's forecasts and scores, their mean ± sd, and a pooled verdict.</summary>
public sealed record BacktestResult
{
    /// <summary>The forecaster's options (as in a single run).</summary>
    public required ForecastOptions Options { get; init; }

    /// <summary>The folds and their scheme.</summary>
    public required BacktestOptions Backtest { get; init; }

    /// <summary>The series as read.</summary>
    public required PriceSeries Series { get; init; }

    /// <summary>Notes about how the file was read.</summary>
    public required IReadOnlyList<string> DataNotes { get; init; }

    /// <summary>The folds, oldest origin first.</summary>
    public required IReadOnlyList<BacktestFold> Folds { get; init; }

    /// <summary>The test windows of all folds, oldest first (the blocks do not overlap).</summary>
    public IReadOnlyList<ForecastPoint> Points => Folds.SelectMany(f => f.Points).ToArray();

    /// <summary>
    /// The forecasters compared. The AR and ARIMA baselines are refitted in each fold (ARIMA's orders by AIC each time),
    /// so their names here are generic; <see cref="BacktestFold.Arima"/> holds each fold's model.
    /// </summary>
    public IReadOnlyList<NamedForecaster> Forecasters =>
        NamedForecaster.All($"{Options.Model.ToString().ToUpperInvariant()} network", Options.AutoRegressiveOrder ?? Options.Window,
            $"ARIMA(p,{Options.ArimaDifferences},q) by AIC", Options.Season);

    /// <summary>Mean ± sd over the folds of <paramref name="forecaster"/>'s RMSE, MAE and MAPE.</summary>
    public (MeanAndSpread Rmse, MeanAndSpread Mae, MeanAndSpread Mape) Summary(NamedForecaster forecaster)
    {
        var scores = Folds.Select(f => f.Scores(forecaster)).ToArray();
        return (MeanAndSpread.Of(scores.Select(s => s.Rmse).ToArray()), MeanAndSpread.Of(scores.Select(s => s.Mae).ToArray()),
            MeanAndSpread.Of(scores.Select(s => s.Mape).ToArray()));
    }

    /// <summary>The network against the best baseline over all folds' test windows, by the Diebold–Mariano test.</summary>
    public ForecastVerdict Verdict => ForecastVerdict.Of(Points, Forecasters.Single(f => f.Key == "network"), Forecasters, Options.Horizon);

    /// <summary>The default forecaster against the best baseline over all folds' test windows.</summary>
    public ForecastVerdict DefaultVerdict => ForecastVerdict.Of(Points, Forecasters.Single(f => f.Key == "default"), Forecasters, Options.Horizon);

    /// <summary>Theil's U of the default forecaster over all folds: its RMSE over persistence's.</summary>
    public double TheilU => ForecastScores.Of(Points, ForecastValues.Default).Rmse / ForecastScores.Of(Points, ForecastValues.Naive).Rmse;
}
