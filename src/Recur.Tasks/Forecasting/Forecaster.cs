using System.Diagnostics;
using System.Text.Json.Nodes;
using Recur.Data.Prices;
using Recur.Data.Windows;
using Recur.Losses;
using Recur.Optim;
using Recur.Serialization;
using Recur.Training;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// The course's stock-forecasting exercise as a recipe: read a daily price CSV, cut it into windows, split it in time
/// (training span first), scale with statistics of the training span only, train a recurrent network with Adam on MSE,
/// and score its test-span forecasts in price units next to naive persistence and an AR(p) fitted on the training span.
/// </summary>
public sealed class Forecaster
{
    /// <summary>The checkpoint's sub-directory of an output directory.</summary>
    public const string CheckpointFolder = "checkpoint";

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

    /// <summary>Raised after each training epoch.</summary>
    public event Action<EpochRecord>? EpochCompleted;

    private ForecastData? _data;

    /// <summary>
    /// Reads the file, cuts the windows, splits and scales them: everything that can fail on bad input, done before any
    /// training. <see cref="Run"/> calls it when it has not been called.
    /// </summary>
    public void Prepare() => _data ??= ForecastData.Load(Options);

    /// <summary>Reads, trains, forecasts and scores. Cancelling stops between training steps, keeping the last checkpoint.</summary>
    public ForecastResult Run(CancellationToken cancellationToken = default)
    {
        var o = Options;
        Prepare();
        var (series, notes, target, set, trainCount, testCount, lastTrainRow, featureScaler, targetScaler, baseline) = _data!;
        var inputs = set.InputTensor();
        var learned = (float[])set.Targets.Clone();
        for (int w = 0; w < set.Count; w++)
            for (int j = 0; j < o.Horizon; j++)
                learned[w * o.Horizon + j] -= baseline[w];
        var targets = Tensor.FromArray(learned, set.Count, o.Horizon);
        var train = new TensorDataset(inputs.Slice(0, trainCount), targets.Slice(0, trainCount));
        var test = new TensorDataset(inputs.Slice(trainCount, testCount), targets.Slice(trainCount, testCount));

        var config = new ForecastConfig(o, featureScaler, targetScaler);
        var network = config.CreateNetwork(new Generator(o.Seed));
        var summary = ModelSummary.Of(network);
        var trainer = new Trainer(network, new MSELoss(), new Adam(network.Parameters(), o.LearningRate), new TrainerOptions
        {
            Epochs = o.Epochs,
            BatchSize = o.BatchSize ?? trainCount,
            Shuffle = true,
            Seed = o.Seed,
            ValidationSplit = o.ValidationFraction,
        })
        {
            CheckpointDirectory = OutputDirectory is null ? null : Path.Combine(OutputDirectory, CheckpointFolder),
            CheckpointEvery = o.CheckpointEvery,
            CheckpointConfig = config.ToJson(),
        };
        trainer.EpochCompleted += record => EpochCompleted?.Invoke(record);

        Checkpoint? resumeFrom = Resume ? LoadForResume(config) : null;
        int validationCount = o.ValidationFraction > 0 ? (int)(trainCount * o.ValidationFraction) : 0;
        var clock = Stopwatch.StartNew();
        // Without a validation hold-out the curve's second line is the test span's loss, drawn for the chart only.
        var history = trainer.Fit(train, validationCount > 0 ? null : test, cancellationToken, resumeFrom);
        clock.Stop();

        var outputs = trainer.Predict(test.Inputs).ToArray();
        var ar = AutoRegressiveModel.Fit(target, o.AutoRegressiveOrder ?? o.Window, lastTrainRow);
        var points = new List<ForecastPoint>(testCount);
        for (int w = trainCount; w < set.Count; w++)
        {
            int row = set.TargetRow[w];
            var actual = new double[o.Horizon];
            var predicted = new double[o.Horizon];
            for (int j = 0; j < o.Horizon; j++)
            {
                actual[j] = target[row + j];
                double scaled = baseline[w] + outputs[(w - trainCount) * o.Horizon + j];
                predicted[j] = targetScaler.InverseTransform(scaled, 0);
            }
            var naive = Enumerable.Repeat(target[row - 1], o.Horizon).ToArray();
            var autoRegressive = ar.Forecast(target.AsSpan(0, row), o.Horizon);
            points.Add(new ForecastPoint(row, series.Dates?[row], actual, predicted, naive, autoRegressive));
        }

        return new ForecastResult
        {
            Series = series, DataNotes = notes, Config = config, Summary = summary,
            TrainWindows = trainCount - validationCount, ValidationWindows = validationCount, TestWindows = testCount,
            LastTrainingRow = lastTrainRow, History = history, CurveUsesTestSpan = validationCount == 0,
            ResumedAfterEpoch = resumeFrom?.Epoch, Test = points,
            Network = ForecastScores.Of(points, p => p.Predicted),
            Naive = ForecastScores.Of(points, p => p.Naive),
            AutoRegressive = ForecastScores.Of(points, p => p.AutoRegressive),
            AutoRegressiveOrder = ar.Order, TrainingTime = clock.Elapsed,
        };
    }

    private Checkpoint LoadForResume(ForecastConfig config)
    {
        if (OutputDirectory is null)
            throw new ForecastSettingException(ForecastSetting.OutputDirectory, "must be the directory of the run to continue when resuming.");
        string directory = Path.Combine(OutputDirectory, CheckpointFolder);
        if (!Checkpoint.Exists(directory))
            throw new InvalidDataException($"cannot resume: '{OutputDirectory}' holds no checkpoint to continue ({directory} has no {Checkpoint.ManifestName}).");
        var checkpoint = Checkpoint.Load(directory);
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
