using System.Diagnostics;
using System.Text.Json.Nodes;
using Recur.Generation;
using Recur.Optim;
using Recur.Serialization;
using Recur.Tasks.Recipes;
using Recur.Training;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// The course's language-model exercise as a recipe: read a text (Penn Treebank, tiny-shakespeare, a user's file) as word
/// or character tokens, cut it into parallel streams, train a recurrent language model by truncated backpropagation
/// through time with the state carried from chunk to chunk, measure validation perplexity after every epoch and test
/// perplexity at the end, and sample text at three temperatures.
/// </summary>
public sealed class LanguageModelTrainer
{
    /// <summary>The checkpoint's sub-directory of an output directory.</summary>
    public const string CheckpointFolder = RecipeCheckpoint.Folder;

    /// <summary>The temperatures <c>samples.md</c> is written at.</summary>
    public static readonly float[] SampleTemperatures = [0.5f, 0.8f, 1.0f];

    private LanguageModelData? _data;
    private LanguageModelConfig? _config;
    private Checkpoint? _resumeFrom;

    /// <summary>Creates the recipe; <see cref="Run"/> does the work.</summary>
    /// <exception cref="LanguageModelSettingException">An option the recipe cannot use.</exception>
    public LanguageModelTrainer(LanguageModelOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Options.Validate();
    }

    /// <summary>The run's settings.</summary>
    public LanguageModelOptions Options { get; }

    /// <summary>Where the checkpoint is written after every epoch (its <see cref="CheckpointFolder"/>), or null for none.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/> instead of starting afresh.</summary>
    public bool Resume { get; init; }

    /// <summary>With <see cref="Resume"/>: start the optimizer afresh instead of requiring the checkpoint's state.</summary>
    public bool ResetOptimizer { get; init; }

    /// <summary>Raised after every training step.</summary>
    public event Action<TruncatedBpttProgress>? StepCompleted;

    /// <summary>Raised after every epoch, once the validation text is scored.</summary>
    public event Action<LanguageModelEpoch>? EpochCompleted;

    /// <summary>The text as ids (after <see cref="Prepare"/>).</summary>
    public LanguageModelData Data => _data ?? throw new InvalidOperationException("LanguageModelTrainer: call Prepare or Run first.");

    /// <summary>
    /// Reads and encodes the text and, when resuming, reads and checks the checkpoint: everything that can fail on bad input,
    /// before any training. <see cref="Run"/> calls it when it has not been called.
    /// </summary>
    public void Prepare()
    {
        if (_config is not null) return;
        var data = _data ??= LanguageModelData.Load(Options);
        var config = LanguageModelConfig.Of(Options, data);
        _resumeFrom = Resume ? LoadForResume(config) : null;
        _config = config;
    }

    /// <summary>Trains, scores the test text and samples. Cancelling stops between steps, keeping the last epoch's checkpoint.</summary>
    public LanguageModelResult Run(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var o = Options;
        Prepare();
        var data = _data!;
        var config = _config!;
        var network = config.CreateNetwork(new Generator(o.Seed));
        Optimizer optimizer = o.Optimizer == LanguageModelOptimizer.Adam
            ? new Adam(network.Parameters(), o.LearningRate)
            : new SGD(network.Parameters(), o.LearningRate);
        LearningRateSchedule? schedule = o.DecayAfterEpoch is int k ? new DelayedExponentialLR(optimizer, k, o.DecayFactor)
            : o.DecayOnPlateau ? new ReduceLROnPlateau(optimizer, o.DecayFactor, patience: 0, threshold: 0)
            : null;
        var trainer = new TruncatedBpttTrainer<LanguageModelNetwork>(network, optimizer,
            new TruncatedBpttOptions { Epochs = o.Epochs, ClipGradNorm = o.ClipNorm, SumOverSteps = o.SumOverSteps })
        {
            Schedule = schedule,
            CheckpointDirectory = OutputDirectory is null ? null : Path.Combine(OutputDirectory, CheckpointFolder),
            CheckpointConfig = config.ToJson(),
            ResetOptimizerOnResume = ResetOptimizer,
        };
        trainer.StepCompleted += progress => StepCompleted?.Invoke(progress);
        trainer.EpochCompleted += record => EpochCompleted?.Invoke(LanguageModelEpoch.Of(record));

        var history = trainer.Fit(data.TrainBatches(o), data.ValidationBatches(o), cancellationToken, _resumeFrom);
        double? testLoss = data.TestBatches(o) is { } test ? trainer.Evaluate(test) : null;
        var sampler = new LanguageModelSampler(network, config.Tokenization, history.Epochs[^1].Epoch);
        var samples = SampleTemperatures.Select(t => new TemperatureSample(t,
            sampler.Sample("", o.SampleTokens, new SamplingOptions { Temperature = t }, o.Seed))).ToList();
        return new LanguageModelResult
        {
            Options = o, Data = data, Config = config, History = history, Epochs = history.Epochs.Select(LanguageModelEpoch.Of).ToList(),
            ResumedAfterEpoch = _resumeFrom?.Epoch, ParameterCount = network.ParameterCount(), TestLoss = testLoss, Samples = samples,
            WallTime = clock.Elapsed,
        };
    }

    private Checkpoint LoadForResume(LanguageModelConfig config)
    {
        if (OutputDirectory is null)
            throw new LanguageModelSettingException(LanguageModelSetting.OutputDirectory, "is needed to resume: it names the run to continue.");
        string directory = Path.Combine(OutputDirectory, CheckpointFolder);
        if (!Checkpoint.Exists(directory))
            throw new InvalidDataException($"cannot resume: '{OutputDirectory}' holds no checkpoint to continue ({directory} has no {Checkpoint.ManifestName}).");
        var (_, recipe) = RecipeCheckpoint.Locate(directory);
        if (recipe != LanguageModelConfig.RecipeName)
            throw new InvalidDataException($"cannot resume: {directory} holds a '{recipe}' model, not a language model; use another output directory.");
        var checkpoint = Checkpoint.Load(directory, withOptimizer: !ResetOptimizer);
        var now = config.ToJson();
        foreach (string key in new[] { "tokenization", "model", "init_scale", "training" })
            if (!JsonNode.DeepEquals(checkpoint.Config[key], now[key]))
                throw new InvalidDataException(
                    $"cannot resume: the checkpoint in {directory} was trained with other {key.Replace('_', ' ')} settings; use the same options, or a new output directory.");
        if (checkpoint.Epoch >= Options.Epochs)
            throw new LanguageModelSettingException(LanguageModelSetting.Epochs, $"must be above the {checkpoint.Epoch} epochs the checkpoint has trained, to resume it.");
        return checkpoint;
    }
}
