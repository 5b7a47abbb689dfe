using System.Diagnostics;
using System.Text.Json.Nodes;
using Recur.Losses;
using Recur.Optim;
using Recur.Serialization;
using Recur.Training;

namespace Recur.Tasks.ImageRows;

/// <summary>
/// The course's "MNIST read row by row" exercise as a recipe: each 28×28 image is 28 time steps of 28 pixels; a
/// recurrent network reads the rows and a Linear layer classifies from its last step (or, bidirectional, both directions'
/// final states). Trained with Adam on cross-entropy, with the test images' accuracy measured after every epoch, then
/// scored per class with a confusion matrix.
/// </summary>
public sealed class ImageClassifier
{
    /// <summary>The checkpoint's sub-directory of an output directory.</summary>
    public const string CheckpointFolder = Recipes.RecipeCheckpoint.Folder;

    private ImageRowsData? _data;
    private ImageRowsConfig? _config;
    private Checkpoint? _resumeFrom;

    /// <summary>Creates the recipe; <see cref="Run"/> does the work.</summary>
    /// <exception cref="ImageRowsSettingException">An option the recipe cannot use.</exception>
    public ImageClassifier(ImageRowsOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Options.Validate();
    }

    /// <summary>The run's options.</summary>
    public ImageRowsOptions Options { get; }

    /// <summary>Where the checkpoint is written during training (its <see cref="CheckpointFolder"/>), or null for none.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/> instead of starting afresh.</summary>
    public bool Resume { get; init; }

    /// <summary>When resuming, start the optimizer afresh instead of restoring its state (which is otherwise required).</summary>
    public bool ResetOptimizer { get; init; }

    /// <summary>Raised after every optimizer step.</summary>
    public event Action<ImageTrainingProgress>? StepCompleted;

    /// <summary>Raised after every epoch, once the test images are scored.</summary>
    public event Action<ImageEpoch>? EpochCompleted;

    /// <summary>
    /// Reads the IDX files, splits and normalises the images, and when resuming reads and checks the checkpoint:
    /// everything that can fail on bad input, done before any training. <see cref="Run"/> calls it when it has not been called.
    /// </summary>
    public void Prepare()
    {
        if (_config is not null) return;
        var data = _data ??= ImageRowsData.Load(Options);
        var config = new ImageRowsConfig(Options, data.Train.Rows, data.Train.Columns, data.ClassNames, data.Normalization);
        config.RequireMemory();
        _resumeFrom = Resume ? LoadForResume(config) : null;
        _config = config;
    }

    /// <summary>Reads, trains, and scores the test images. Cancelling stops between steps, keeping the last checkpoint.</summary>
    public ImageRowsResult Run(CancellationToken cancellationToken = default)
    {
        var o = Options;
        Prepare();
        var data = _data!;
        var config = _config!;
        var resumeFrom = _resumeFrom;
        var train = new TensorDataset(data.Train.AsSequences(data.Normalization), data.Train.Labels);
        var test = new TensorDataset(data.Test.AsSequences(data.Normalization), data.Test.Labels);

        var network = config.CreateNetwork(new Generator(o.Seed));
        var summary = network.Summary();
        var optimizer = new Adam(network.Parameters(), o.LearningRate);
        var accuracy = new Accuracy();
        var trainer = new Trainer(network, new CrossEntropyLoss(), optimizer,
            new TrainerOptions { Epochs = o.Epochs, BatchSize = o.BatchSize, Shuffle = true, Seed = o.Seed }, [accuracy])
        {
            Schedule = o.CosineDecay ? new CosineAnnealingLR(optimizer, o.Epochs) : null,
            CheckpointDirectory = OutputDirectory is null ? null : Path.Combine(OutputDirectory, CheckpointFolder),
            CheckpointEvery = o.CheckpointEvery,
            CheckpointConfig = config.ToJson(),
            ResetOptimizerOnResume = ResetOptimizer,
        };

        var stepLosses = new List<double>();
        var trainingSeconds = new Dictionary<int, double>();
        var clock = new Stopwatch();
        TimeSpan epochStart = TimeSpan.Zero;
        double epochLoss = 0;
        trainer.StepCompleted += step =>
        {
            if (step.Step == 1) epochLoss = 0;
            stepLosses.Add(step.Loss);
            epochLoss += step.Loss;
            double seconds = (clock.Elapsed - epochStart).TotalSeconds;
            int images = Math.Min(step.Step * o.BatchSize, train.Count);
            if (step.Step == step.Steps) trainingSeconds[step.Epoch] = seconds;
            StepCompleted?.Invoke(new ImageTrainingProgress(step.Epoch, step.Epochs, step.Step, step.Steps, epochLoss / step.Step, accuracy.Value,
                seconds > 0 ? images / seconds : 0));
        };
        var epochs = new List<ImageEpoch>();
        trainer.EpochCompleted += record =>
        {
            var epoch = Epoch(record, trainingSeconds.TryGetValue(record.Epoch, out double s) ? s : null);
            epochs.Add(epoch);
            epochStart = clock.Elapsed;
            EpochCompleted?.Invoke(epoch);
        };

        clock.Start();
        // The test images are the trainer's validation data so that their accuracy is measured after every epoch; nothing
        // is chosen by it (no early stopping, no best checkpoint).
        var history = trainer.Fit(train, test, cancellationToken, resumeFrom);
        clock.Stop();

        // Epochs trained before a resume come back with the checkpoint's history, ahead of this run's.
        var earlier = history.Epochs.Where(e => resumeFrom is not null && e.Epoch <= resumeFrom.Epoch).Select(e => Epoch(e, null));
        var (predicted, confidence) = Classify(trainer, test.Inputs);
        return new ImageRowsResult
        {
            Config = config, Summary = summary, DataNotes = data.Notes, SplitFromTestSet = data.SplitFromTestSet,
            TrainImages = data.Train.Count, Test = data.Test, Epochs = earlier.Concat(epochs).ToArray(), StepLosses = stepLosses,
            StepsPerEpoch = (train.Count + o.BatchSize - 1) / o.BatchSize, ResumedAfterEpoch = resumeFrom?.Epoch,
            Predicted = predicted, Confidence = confidence,
            Confusion = new ConfusionMatrix(predicted, data.Test.Labels, data.ClassNames.Count), TrainingTime = clock.Elapsed,
        };
    }

    private static ImageEpoch Epoch(EpochRecord record, double? trainingSeconds) => new(record.Epoch, record.Loss,
        record.Metrics.GetValueOrDefault("accuracy", double.NaN), record.ValidationLoss ?? double.NaN,
        record.ValidationMetrics.GetValueOrDefault("accuracy", double.NaN), record.LearningRate, record.Duration.TotalSeconds, trainingSeconds);

    /// <summary>The arg-max class of each image and the softmax probability of that class.</summary>
    private static (int[] Predicted, float[] Confidence) Classify(Trainer trainer, Tensor inputs)
    {
        var logits = trainer.Predict(inputs);
        var probabilities = logits.Softmax(-1).ToArray();
        int n = logits.Dim(0), classes = logits.Dim(1);
        var predicted = new int[n];
        var confidence = new float[n];
        for (int i = 0; i < n; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++)
                if (row[c] > row[best]) best = c;
            predicted[i] = best;
            confidence[i] = row[best];
        }
        return (predicted, confidence);
    }

    private Checkpoint LoadForResume(ImageRowsConfig config)
    {
        if (OutputDirectory is null)
            throw new ImageRowsSettingException(ImageRowsSetting.OutputDirectory, "must be the directory of the run to continue when resuming.");
        string directory = Path.Combine(OutputDirectory, CheckpointFolder);
        if (!Checkpoint.Exists(directory))
            throw new InvalidDataException($"cannot resume: '{OutputDirectory}' holds no checkpoint to continue ({directory} has no {Checkpoint.ManifestName}).");
        var checkpoint = Checkpoint.Load(directory, withOptimizer: !ResetOptimizer);
        var saved = ImageRowsConfig.FromJson(checkpoint.Config, Path.Combine(directory, Checkpoint.ManifestName)).ToJson();
        var now = config.ToJson();
        if (saved["training"]?[ImageRowsConfig.CosineEpochsKey]?.GetValue<int>() is int planned && Options.CosineDecay && planned != Options.Epochs)
            throw new ImageRowsSettingException(ImageRowsSetting.Epochs,
                $"must stay {planned} to resume this run: its learning rate decays along a cosine planned over {planned} epochs (the checkpoint is at epoch {checkpoint.Epoch}), got {Options.Epochs}.");
        foreach (string key in new[] { "recipe", "data", "model", "training" })
            if (!JsonNode.DeepEquals(saved[key], now[key]))
                throw new InvalidDataException(
                    $"cannot resume: the checkpoint in {directory} was trained with other {key} settings " +
                    $"({saved[key]?.ToJsonString() ?? "none"} there, {now[key]?.ToJsonString()} now); use the same settings, or another output directory.");
        if (checkpoint.Epoch >= Options.Epochs)
            throw new ImageRowsSettingException(ImageRowsSetting.Epochs,
                $"must exceed the {checkpoint.Epoch} epochs the checkpoint has already trained to resume it, got {Options.Epochs}.");
        return checkpoint;
    }
}
