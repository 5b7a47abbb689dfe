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

    /// <summary>The options and the fitted scalers, as saved in the checkpoint.</summary>
    public required ForecastConfig Config { get; init; }

    /// <summary>The network's layers and parameter counts.</summary>
    public required ModelSummary Summary { get; init; }

    /// <summary>Windows used for training steps (after any validation hold-out).</summary>
    public required int TrainWindows { get; init; }

    /// <summary>Windows held out from the training span for validation.</summary>
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

    /// <summary>The network's scores on the test span.</summary>
    public required ForecastScores Network { get; init; }

    /// <summary>Naive persistence (the next value equals the last known one) on the same span.</summary>
    public required ForecastScores Naive { get; init; }

    /// <summary>The AR(p) baseline on the same span.</summary>
    public required ForecastScores AutoRegressive { get; init; }

    /// <summary>The AR baseline's order p.</summary>
    public required int AutoRegressiveOrder { get; init; }

    /// <summary>Wall-clock training time.</summary>
    public required TimeSpan TrainingTime { get; init; }

    /// <summary>True when the network's test RMSE beats both baselines'.</summary>
    public bool BeatsBaselines => Network.Rmse < Naive.Rmse && Network.Rmse < AutoRegressive.Rmse;
}
