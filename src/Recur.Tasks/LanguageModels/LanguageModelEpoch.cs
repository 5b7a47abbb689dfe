using Recur.Training;

namespace Recur.Tasks.LanguageModels;

/// <summary>One epoch of a language model's training, in perplexities.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean cross-entropy per training token, in nats.</param>
/// <param name="ValidationLoss">Mean cross-entropy per validation token after the epoch, in nats.</param>
/// <param name="LearningRate">The rate the epoch trained with.</param>
/// <param name="TrainingSeconds">Seconds of training steps (validation not included).</param>
/// <param name="TokensPerSecond">Training tokens per second of training steps.</param>
/// <param name="Seconds">Seconds of the whole epoch, validation included.</param>
public sealed record LanguageModelEpoch(int Epoch, double TrainLoss, double ValidationLoss, float LearningRate, double TrainingSeconds,
    double TokensPerSecond, double Seconds)
{
    /// <summary>exp(training loss).</summary>
    public double TrainPerplexity => Math.Exp(TrainLoss);

    /// <summary>exp(validation loss).</summary>
    public double ValidationPerplexity => Math.Exp(ValidationLoss);

    /// <summary>The epoch as the trainer recorded it.</summary>
    public static LanguageModelEpoch Of(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new LanguageModelEpoch(record.Epoch, record.Loss, record.ValidationLoss ?? double.NaN, record.LearningRate,
            record.Metrics.GetValueOrDefault(TruncatedBpttMetrics.TrainingSeconds, double.NaN),
            record.Metrics.GetValueOrDefault(TruncatedBpttMetrics.TargetsPerSecond, double.NaN),
            record.Duration.TotalSeconds);
    }
}
