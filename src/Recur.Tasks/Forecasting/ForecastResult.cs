using Recur.Data.Prices;
using Recur.Training;

namespace Recur.Tasks.Forecasting;

/// <summary>What a forecast run produced: the data it saw, the training history, the test-span forecasts and scores.</summary>
public sealed record ForecastResult
{
    /// <summary>The options of the run.</summary>
    public ForecastOptions Options => Config.Options;

    /// <summary>The series as read (oldest row first when it had dates).</summary>
    public required PriceSeries Series { get; init; }

    /// <summary>Warnings about the data (row order, skipped cells), for the report.</summary>
    public required IReadOnlyList<string> DataNotes { get; init; }

    /// <summary>The options, the fitted scalers and the default forecaster, as saved in the checkpoint.</summary>
    public required ForecastConfig Config { get; init; }

    /// <summary>The network's layers and parameter counts.</summary>
    public required ModelSummary Summary { get; init; }

    /// <summary>Windows used for training steps (after any validation hold-out).</summary>
    public required int TrainWindows { get; init; }

    /// <summary>Windows held out from the training span for validation (and the choice of the default forecaster).</summary>
    public required int ValidationWindows { get; init; }

    /// <summary>Windows in the test span.</summary>
    public required int TestWindows { get; init; }

    /// <summary>The last row of the file that training (and the scalers) saw.</summary>
    public required int LastTrainingRow { get; init; }

    /// <summary>Per-epoch losses (MSE on the scaled target the network learns).</summary>
    public required History History { get; init; }

    /// <summary>
    /// True when <see cref="History"/>'s validation losses are the test span's, recorded only to draw the curve (no
    /// validation hold-out was asked for; nothing is chosen by them).
    /// </summary>
    public required bool CurveUsesTestSpan { get; init; }

    /// <summary>The epoch training resumed after, or null for a fresh run.</summary>
    public int? ResumedAfterEpoch { get; init; }

    /// <summary>The test-span forecasts in price units, oldest first.</summary>
    public required IReadOnlyList<ForecastPoint> Test { get; init; }

    /// <summary>The default forecaster, chosen on the validation span.</summary>
    public ForecastChoice Choice => Config.Choice ?? throw new InvalidOperationException("The run's default forecaster was not chosen.");

    /// <summary>The forecasters of the run (default, network, baselines), in report order.</summary>
    public IReadOnlyList<NamedForecaster> Forecasters =>
        NamedForecaster.All($"{Options.Model.ToString().ToUpperInvariant()} network", AutoRegressiveOrder, Arima.Best.Name, Options.Season);

    /// <summary>The default forecaster's scores on the test span.</summary>
    public ForecastScores Default => ForecastScores.Of(Test, ForecastValues.Default);

    /// <summary>The network's scores on the test span.</summary>
    public ForecastScores Network => ForecastScores.Of(Test, ForecastValues.Predicted);

    /// <summary>Naive persistence (the next value equals the last known one) on the same span.</summary>
    public ForecastScores Naive => ForecastScores.Of(Test, ForecastValues.Naive);

    /// <summary>The AR(p) baseline on the same span.</summary>
    public ForecastScores AutoRegressive => ForecastScores.Of(Test, ForecastValues.AutoRegressive);

    /// <summary>The ARIMA baseline on the same span.</summary>
    public ForecastScores ArimaScores => ForecastScores.Of(Test, ForecastValues.Arima);

    /// <summary>The seasonal naive baseline on the same span, when a season was given.</summary>
    public ForecastScores? SeasonalNaive => Options.Season is null ? null : ForecastScores.Of(Test, ForecastValues.SeasonalNaive);

    /// <summary>The AR baseline's order p.</summary>
    public required int AutoRegressiveOrder { get; init; }

    /// <summary>The ARIMA baseline's AIC search on the training span (its best model is the baseline).</summary>
    public required ArimaSelection Arima { get; init; }

    /// <summary>Theil's U of the default forecaster: its test RMSE over persistence's (≤ 1 when it does not lose to persistence).</summary>
    public double TheilU => Default.Rmse / Naive.Rmse;

    /// <summary>The network against the best baseline by the Diebold–Mariano test.</summary>
    public ForecastVerdict Verdict => ForecastVerdict.Of(Test, Forecasters.Single(f => f.Key == "network"), Forecasters, Options.Horizon);

    /// <summary>Wall-clock training time.</summary>
    public required TimeSpan TrainingTime { get; init; }

    /// <summary>True when the network's test RMSE is below every baseline's.</summary>
    public bool BeatsBaselines => Forecasters.Where(f => f.IsBaseline).All(f => Network.Rmse < ForecastScores.Of(Test, f).Rmse);
}
