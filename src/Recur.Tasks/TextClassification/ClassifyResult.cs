using Recur.Training;

namespace Recur.Tasks.TextClassification;

/// <summary>What a <see cref="TextClassifier"/> run found: the data, the model, its training, and its test figures beside the baselines'.</summary>
public sealed class ClassifyResult
{
    /// <summary>The run's settings.</summary>
    public required ClassifyOptions Options { get; init; }

    /// <summary>The texts and their split.</summary>
    public required ClassifyData Data { get; init; }

    /// <summary>The checkpoint configuration (classes, tokenization, architecture).</summary>
    public required TextClassifierConfig Config { get; init; }

    /// <summary>The network's layers and parameters, as Keras prints them.</summary>
    public required ModelSummary Summary { get; init; }

    /// <summary>Loss and metrics per epoch.</summary>
    public required History History { get; init; }

    /// <summary>The epoch a resumed run continued after, or null.</summary>
    public int? ResumedAfterEpoch { get; init; }

    /// <summary>Wall time of training (this run's epochs).</summary>
    public TimeSpan TrainingTime { get; init; }

    /// <summary>Each test text with the network's prediction (for the slides' toy: the training words).</summary>
    public required IReadOnlyList<ClassifiedText> Test { get; init; }

    /// <summary>The network's test predictions.</summary>
    public required ClassPredictions NetworkPredictions { get; init; }

    /// <summary>The network's test scores.</summary>
    public required ClassifierScores Network { get; init; }

    /// <summary>The baselines' test results, majority class first; empty for the slides' toy.</summary>
    public required IReadOnlyList<BaselineResult> Baselines { get; init; }

    /// <summary>The baseline with the highest test accuracy, or null when there are none.</summary>
    public BaselineResult? BestBaseline => Baselines.Count == 0 ? null : Baselines.MaxBy(b => b.Scores.Accuracy);

    /// <summary>McNemar's test of the network against <see cref="BestBaseline"/> on the test texts (network first), or null.</summary>
    public McNemarResult? AgainstBestBaseline { get; init; }

    /// <summary>Training seconds per epoch run.</summary>
    public double SecondsPerEpoch => History.Epochs.Count == 0 ? 0 : History.Epochs.Sum(e => e.Duration.TotalSeconds) / History.Epochs.Count;

    /// <summary>The test texts the network got wrong with the most confidence, most confident first (at most 10).</summary>
    public IReadOnlyList<ClassifiedText> ConfidentMistakes => Test.Where(t => !t.IsCorrect).OrderByDescending(t => t.Probability).Take(10).ToList();

    /// <summary>True when the network's test accuracy is above the best baseline's.</summary>
    public bool BeatsBestBaseline => BestBaseline is { } best && Network.Accuracy > best.Scores.Accuracy;
}
