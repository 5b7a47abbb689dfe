namespace Recur.Tasks.Forecasting;

/// <summary>One origin of a walk-forward backtest: what was trained on, what was chosen, and the test block's forecasts.</summary>
public sealed record BacktestFold
{
    /// <summary>Fold number, 1-based.</summary>
    public required int Number { get; init; }

    /// <summary>Training windows (validation hold-out included) and the first of them.</summary>
    public required int TrainStart { get; init; }

    /// <summary>Training windows, validation hold-out included.</summary>
    public required int TrainCount { get; init; }

    /// <summary>Windows held out of them to choose the default forecaster.</summary>
    public required int ValidationWindows { get; init; }

    /// <summary>The first and last file rows the fold's scalers and baselines were fitted on.</summary>
    public required (int First, int Last) TrainRows { get; init; }

    /// <summary>The test block's forecasts, oldest first.</summary>
    public required IReadOnlyList<ForecastPoint> Points { get; init; }

    /// <summary>The default forecaster chosen on this fold's validation windows.</summary>
    public required ForecastChoice Choice { get; init; }

    /// <summary>The ARIMA baseline AIC chose on this fold's training rows.</summary>
    public required ArimaModel Arima { get; init; }

    /// <summary>The network's final training loss.</summary>
    public required double FinalLoss { get; init; }

    /// <summary>Wall-clock training time.</summary>
    public required TimeSpan TrainingTime { get; init; }

    /// <summary>The scores of <paramref name="forecaster"/> on the test block.</summary>
    public ForecastScores Scores(NamedForecaster forecaster) => ForecastScores.Of(Points, forecaster);
}
