using Recur.Training;

namespace Recur.Tasks.LanguageModels;

/// <summary>What a language model's run produced: the epochs in perplexities, the test score, samples and timings.</summary>
public sealed class LanguageModelResult
{
    /// <summary>The run's settings.</summary>
    public required LanguageModelOptions Options { get; init; }

    /// <summary>The text as ids.</summary>
    public required LanguageModelData Data { get; init; }

    /// <summary>The checkpoint's configuration.</summary>
    public required LanguageModelConfig Config { get; init; }

    /// <summary>The trainer's history (resumed runs include the epochs before).</summary>
    public required History History { get; init; }

    /// <summary>Every epoch of the model, in perplexities.</summary>
    public required IReadOnlyList<LanguageModelEpoch> Epochs { get; init; }

    /// <summary>The epoch the run resumed after, or null.</summary>
    public int? ResumedAfterEpoch { get; init; }

    /// <summary>Scalar parameters of the network.</summary>
    public required long ParameterCount { get; init; }

    /// <summary>Mean cross-entropy per test token in nats, or null without a test part.</summary>
    public double? TestLoss { get; init; }

    /// <summary>Text sampled at three temperatures.</summary>
    public required IReadOnlyList<TemperatureSample> Samples { get; init; }

    /// <summary>Wall time of this run: training, evaluation and sampling.</summary>
    public required TimeSpan WallTime { get; init; }

    /// <summary>Mean cross-entropy per validation token after the last epoch.</summary>
    public double ValidationLoss => Epochs[^1].ValidationLoss;

    /// <summary>exp(validation loss) after the last epoch.</summary>
    public double ValidationPerplexity => Math.Exp(ValidationLoss);

    /// <summary>exp(test loss), or null without a test part.</summary>
    public double? TestPerplexity => TestLoss is double loss ? Math.Exp(loss) : null;

    /// <summary>Training tokens per second over every epoch's training steps.</summary>
    public double TokensPerSecond
    {
        get
        {
            double seconds = Epochs.Sum(e => e.TrainingSeconds);
            return Epochs.Sum(e => e.TokensPerSecond * e.TrainingSeconds) / Math.Max(seconds, 1e-9);
        }
    }

    /// <summary>Epochs this run trained (fewer than <see cref="Epochs"/> when it resumed).</summary>
    public int EpochsRun => Epochs.Count - (ResumedAfterEpoch ?? 0);

    /// <summary>
    /// This run's wall time per training step: everything — reading, evaluation, the test, sampling — divided by the steps
    /// it trained.
    /// </summary>
    public double MillisecondsPerStep => WallTime.TotalMilliseconds / Math.Max(1.0, (double)EpochsRun * StepsPerEpoch);

    /// <summary>Training chunks per epoch.</summary>
    public int StepsPerEpoch => Data.TrainBatches(Options).Count;
}
