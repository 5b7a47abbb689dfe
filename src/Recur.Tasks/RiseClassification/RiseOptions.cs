using Recur.Data.Prices;
using Recur.Tasks.Forecasting;

namespace Recur.Tasks.RiseClassification;

/// <summary>
/// Everything <see cref="RiseClassifier"/> needs: the file, the label "the close rises by at least
/// <see cref="RisePercent"/> % within the next <see cref="Within"/> days", the indicator features, the network and its
/// training, the handling of the imbalance, and the split. <c>RisePercent = 5, Within = 1</c> is the course's deck; the
/// default looks a trading week ahead, where the Samsung file has enough rise days in its test span to measure anything.
/// </summary>
public sealed record RiseOptions
{
    /// <summary>The daily price CSV.</summary>
    public required string CsvPath { get; init; }

    /// <summary>How to read it (encoding, dates, row order of a file without dates, …); the columns are chosen here.</summary>
    public PriceSeriesOptions Reading { get; init; } = new();

    /// <summary>The price column whose rises are classified and from which the indicators are computed.</summary>
    public string Price { get; init; } = "Close";

    /// <summary>The volume column for <c>volume_change</c>; the feature is left out (with a note) when the file has none.</summary>
    public string Volume { get; init; } = "Volume";

    /// <summary>The features of each day (names from <see cref="RiseFeatures.Catalogue"/>); null = <see cref="RiseFeatures.Default"/>.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>The rise, in percent, that makes a day a positive.</summary>
    public double RisePercent { get; init; } = 5;

    /// <summary>Trading days ahead in which the close must reach the rise (1 = the next day's close, the course's deck).</summary>
    public int Within { get; init; } = 5;

    /// <summary>Days of features per input sequence, the decision day last.</summary>
    public int Window { get; init; } = 20;

    /// <summary>The recurrent layer.</summary>
    public RecurrentKind Model { get; init; } = RecurrentKind.Lstm;

    /// <summary>Stacked recurrent layers.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>Hidden units per layer.</summary>
    public int Hidden { get; init; } = 16;

    /// <summary>Dropout between stacked layers, in [0, 1).</summary>
    public float Dropout { get; init; }

    /// <summary>Fraction of the samples, oldest first, for training.</summary>
    public double TrainFraction { get; init; } = 0.7;

    /// <summary>Fraction of the samples after them for validation (early stopping, the decision threshold); the rest is the test span.</summary>
    public double ValidationFraction { get; init; } = 0.15;

    /// <summary>Most passes over the training samples.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Epochs without a lower validation loss before training stops (the best epoch's weights are kept).</summary>
    public int Patience { get; init; } = 8;

    /// <summary>Samples per optimizer step.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's learning rate.</summary>
    public float LearningRate { get; init; } = 0.003f;

    /// <summary>How the rare rise days are weighted in both models' losses.</summary>
    public ClassWeighting Weighting { get; init; } = ClassWeighting.Balanced;

    /// <summary>How each model's decision threshold is chosen on the validation span.</summary>
    public ThresholdRule Threshold { get; init; } = ThresholdRule.F1;

    /// <summary>The logistic regression's inverse L2 strength C (scikit-learn's, 1 by default).</summary>
    public double Regularization { get; init; } = 1;

    /// <summary>Block-bootstrap resamples of the test span for the PR-AUC intervals (0 = none).</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Seed of the weights, the shuffling and the bootstrap.</summary>
    public ulong Seed { get; init; }

    /// <summary>Epochs between checkpoints written during training (the last and the best are always saved).</summary>
    public int CheckpointEvery { get; init; } = 10;

    /// <summary>Checks the values a user can get wrong.</summary>
    /// <exception cref="RiseSettingException">A value the recipe cannot use; the exception names the option.</exception>
    public void Validate()
    {
        static void Require(bool ok, RiseSetting setting, string requirement)
        {
            if (!ok) throw new RiseSettingException(setting, requirement);
        }
        Require(!string.IsNullOrWhiteSpace(CsvPath), RiseSetting.CsvPath, "names no file.");
        Require(!string.IsNullOrWhiteSpace(Price), RiseSetting.Price, "names no column.");
        Require(Features is null || Features.Count > 0, RiseSetting.Features, "must name at least one feature.");
        if (Features is not null)
            foreach (string name in Features)
                Require(RiseFeatures.Catalogue.ContainsKey(name), RiseSetting.Features,
                    $"names '{name}', which is not a feature; the features are {string.Join(", ", RiseFeatures.Catalogue.Keys)}.");
        Require(double.IsFinite(RisePercent) && RisePercent > 0, RiseSetting.RisePercent, $"must be a positive percentage, got {RisePercent}.");
        Require(Within >= 1, RiseSetting.Within, $"must be at least 1 day, got {Within}.");
        Require(Window >= 1, RiseSetting.Window, $"must be at least 1 day, got {Window}.");
        Require(Layers >= 1, RiseSetting.Layers, $"must be at least 1, got {Layers}.");
        Require(Hidden >= 1, RiseSetting.Hidden, $"must be at least 1, got {Hidden}.");
        Require(Dropout >= 0 && Dropout < 1, RiseSetting.Dropout, $"must be in [0, 1), got {Dropout}.");
        Require(TrainFraction > 0 && TrainFraction < 1, RiseSetting.TrainFraction, $"must be between 0 and 1, got {TrainFraction}.");
        Require(ValidationFraction > 0 && TrainFraction + ValidationFraction < 1, RiseSetting.ValidationFraction,
            $"must be above 0 and leave a test span after the {TrainFraction:0.##} for training, got {ValidationFraction}.");
        Require(Epochs >= 1, RiseSetting.Epochs, $"must be at least 1, got {Epochs}.");
        Require(Patience >= 1, RiseSetting.Patience, $"must be at least 1, got {Patience}.");
        Require(BatchSize >= 1, RiseSetting.BatchSize, $"must be at least 1, got {BatchSize}.");
        Require(LearningRate > 0 && float.IsFinite(LearningRate), RiseSetting.LearningRate, $"must be a positive number, got {LearningRate}.");
        Require(Regularization > 0 && double.IsFinite(Regularization), RiseSetting.Regularization, $"must be a positive number, got {Regularization}.");
        Require(BootstrapResamples >= 0, RiseSetting.BootstrapResamples, $"must not be negative, got {BootstrapResamples}.");
    }
}
