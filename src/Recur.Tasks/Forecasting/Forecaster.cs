using System.Diagnostics;
using System.Text.Json.Nodes;
using Recur.Serialization;
using Recur.Tasks.Recipes;
using Recur.Training;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// The course's stock-forecasting exercise as a recipe: read a daily price CSV, cut it into windows, split it in time
/// (training span first), scale with statistics of the training span only, train a recurrent network with Adam on MSE,
/// choose the default forecaster (network, persistence or their combination) on a validation span carved from the
/// training windows, and score the test-span forecasts in price units next to naive persistence, AR(p) and ARIMA fitted
/// on the training span, with a Diebold–Mariano verdict.
/// </summary>
public sealed class Forecaster
{
    /// <summary>The checkpoint's sub-directory of an output directory.</summary>
    public const string CheckpointFolder = RecipeCheckpoint.Folder;

    /// <summary>Creates the recipe; <see cref="Run"/> does the work.</summary>
    public Forecaster(ForecastOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Options.Validate();
    }

    /// <summary>The run's options.</summary>
    public ForecastOptions Options { get; }

    /// <summary>Where the checkpoint is written during training (its <see cref="CheckpointFolder"/>), or null for none.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/> instead of starting afresh.</summary>
    public bool Resume { get; init; }

    /// <summary>When resuming, start the optimizer afresh instead of restoring its state (which is otherwise required).</summary>
    public bool ResetOptimizer { get; init; }

    /// <summary>Raised after each training epoch.</summary>
    public event Action<EpochRecord>? EpochCompleted;

    private ForecastData? _data;
    private (AutoRegressiveModel Ar, ArimaSelection Arima)? _baselines;
    private TensorDataset? _samples;

    /// <summary>
    /// Reads the file, fits the baselines (AR, ARIMA), which need no network, then cuts the windows, splits and scales
    /// them: everything that can fail on bad input, done before any training (a series the baselines cannot fit fails
    /// before the first epoch, not after the whole training). <see cref="Run"/> calls it when it has not been called.
    /// </summary>
    public void Prepare()
    {
        // The baselines are fitted from the series before its windows and scaled copy are made: their fit is the run's
        // largest passing need (the AR design), and it then meets the least memory held.
        _data ??= ForecastData.Load(Options, (series, firstRow, lastRow) =>
            _baselines ??= ForecastSpan.FitBaselines(series.ColumnMemory(Options.Target).Span, firstRow, lastRow, Options));
        _baselines ??= ForecastSpan.FitBaselines(_data, Options);
        _samples ??= _data.Samples(Options);
    }

    /// <summary>
    /// Reads, trains, chooses the default forecaster on the validation windows, forecasts and scores. Cancelling stops
    /// between training steps, keeping the last checkpoint.
    /// </summary>
    public ForecastResult Run(CancellationToken cancellationToken = default)
    {
        var o = Options;
        Prepare();
        var data = _data!;
        // The windows' inputs are needed until the network's predictions only: taken, not kept, so that scoring and the
        // report do not hold them beside the test forecasts (a later Run makes them again).
        var samples = _samples ?? data.Samples(o);
        _samples = null;

        var config = new ForecastConfig(o, data.FeatureScaler, data.TargetScaler);
        string? checkpointDirectory = OutputDirectory is null ? null : Path.Combine(OutputDirectory, CheckpointFolder);
        var (network, trainer) = ForecastTraining.Create(config, data.TrainCount, checkpointDirectory);
        var summary = ModelSummary.Of(network);
        trainer.EpochCompleted += record => EpochCompleted?.Invoke(record);
        trainer.ResetOptimizerOnResume = ResetOptimizer;

        Checkpoint? resumeFrom = Resume ? LoadForResume(config) : null;
        int validationCount = ForecastTraining.ValidationCount(o, data.TrainCount);
        var (history, trainingTime, validationOutputs, testOutputs) = TrainAndPredict(trainer, samples, data, validationCount, resumeFrom, cancellationToken);

        var span = ForecastSpan.Score(data, o, validationOutputs, data.TrainCount, validationCount, testOutputs, _baselines);
        config = config with { Choice = span.Choice };
        if (checkpointDirectory is not null) ForecastTraining.RecordChoice(checkpointDirectory, config);

        return new ForecastResult
        {
            Series = data.Series, DataNotes = data.Notes, Config = config, Summary = summary,
            TrainWindows = data.TrainCount - validationCount, ValidationWindows = validationCount, TestWindows = data.TestCount,
            LastTrainingRow = data.LastTrainRow, History = history, CurveUsesTestSpan = validationCount == 0,
            ResumedAfterEpoch = resumeFrom?.Epoch, Test = span.Points,
            AutoRegressiveOrder = span.AutoRegressive.Order, Arima = span.Arima, TrainingTime = trainingTime,
        };
    }

    // Trains (timed), then predicts the validation and test windows. Without a validation hold-out the curve's second line
    // is the test span's loss, drawn for the chart only.
    private static (History History, TimeSpan TrainingTime, float[] Validation, float[] Test) TrainAndPredict(Trainer trainer, TensorDataset samples,
        ForecastData data, int validationCount, Checkpoint? resumeFrom, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(samples.Slice(0, data.TrainCount), validationCount > 0 ? null : samples.Slice(data.TestStart, data.TestCount),
            cancellationToken, resumeFrom);
        clock.Stop();
        return (history, clock.Elapsed, ForecastTraining.Outputs(trainer, samples, data.TrainCount - validationCount, validationCount),
            ForecastTraining.Outputs(trainer, samples, data.TestStart, data.TestCount));
    }

    private Checkpoint LoadForResume(ForecastConfig config)
    {
        if (OutputDirectory is null)
            throw new ForecastSettingException(ForecastSetting.OutputDirectory, "must be the directory of the run to continue when resuming.");
        string directory = Path.Combine(OutputDirectory, CheckpointFolder);
        if (!Checkpoint.Exists(directory))
            throw new InvalidDataException($"cannot resume: '{OutputDirectory}' holds no checkpoint to continue ({directory} has no {Checkpoint.ManifestName}).");
        var checkpoint = Checkpoint.Load(directory, withOptimizer: !ResetOptimizer);
        // Read and written again, so that a checkpoint in an older spelling (see ForecastConfig.FromJson) compares by meaning.
        var saved = ForecastConfig.FromJson(checkpoint.Config, Path.Combine(directory, Checkpoint.ManifestName)).ToJson();
        var now = config.ToJson();
        foreach (string key in new[] { "recipe", "data", "model", "training", "feature_scaler", "target_scaler" })
            if (!JsonNode.DeepEquals(saved[key], now[key]))
                throw new InvalidDataException(
                    $"cannot resume: the checkpoint in {directory} was trained with other {key.Replace('_', ' ')} settings " +
                    $"({saved[key]?.ToJsonString() ?? "none"} there, {now[key]?.ToJsonString()} now); use the same settings, or another output directory.");
        if (checkpoint.Epoch >= Options.Epochs)
            throw new ForecastSettingException(ForecastSetting.Epochs,
                $"must exceed the {checkpoint.Epoch} epochs the checkpoint has already trained to resume it, got {Options.Epochs}.");
        return checkpoint;
    }
}
