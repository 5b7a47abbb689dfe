using Recur.Data.Prices;
using Recur.Training;

namespace Recur.Tasks.RiseClassification;

/// <summary>What an up/down run produced: the data and its base rates, the three models' scores, and the verdict.</summary>
public sealed record RiseResult
{
    /// <summary>The options of the run.</summary>
    public RiseOptions Options => Config.Options;

    /// <summary>The series as read, oldest first.</summary>
    public required PriceSeries Series { get; init; }

    /// <summary>Notes about how the file was read and which features were used.</summary>
    public required IReadOnlyList<string> DataNotes { get; init; }

    /// <summary>The features, the scaler, the training ranges and the threshold, as saved in the checkpoint.</summary>
    public required RiseConfig Config { get; init; }

    /// <summary>The network's layers and parameter counts.</summary>
    public required ModelSummary Summary { get; init; }

    /// <summary>The row of each test day (its decision day), oldest first.</summary>
    public required IReadOnlyList<int> TestRows { get; init; }

    /// <summary>Whether each test day rose (1) or not.</summary>
    public required IReadOnlyList<int> TestLabels { get; init; }

    /// <summary>Samples in the training, validation and test spans, and those purged at each of the two boundaries.</summary>
    public required (int Train, int Validation, int Test, int PurgedPerBoundary) Samples { get; init; }

    /// <summary>The share of rise days in the training, validation and test spans.</summary>
    public required (double Train, double Validation, double Test) BaseRates { get; init; }

    /// <summary>The network's positive weight in its loss (negatives ÷ positives of the training span), or null unweighted.</summary>
    public required double? PositiveWeight { get; init; }

    /// <summary>The recurrent network, the logistic regression and always-no.</summary>
    public required IReadOnlyList<RiseModelResult> Models { get; init; }

    /// <summary>The logistic regression baseline (its coefficients, on standardised features).</summary>
    public required FeatureLogisticRegression Logistic { get; init; }

    /// <summary>Per-epoch losses (weighted binary cross-entropy) on training and validation.</summary>
    public required History History { get; init; }

    /// <summary>The epoch whose weights were kept (lowest validation loss).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Wall-clock training time of the network.</summary>
    public required TimeSpan TrainingTime { get; init; }

    /// <summary>The network's PR-AUC minus the logistic regression's, with its block-bootstrap interval (null without resamples).</summary>
    public required PrAucDifference? AgainstLogistic { get; init; }

    /// <summary>The network's PR-AUC minus always-no's (the base rate), with its interval.</summary>
    public required PrAucDifference? AgainstAlwaysNo { get; init; }

    /// <summary>The network's result.</summary>
    public RiseModelResult Network => Models.Single(m => m.Key == "network");

    /// <summary>True when the network's test PR-AUC is above both baselines'.</summary>
    public bool NetworkAboveBaselines => Models.Where(m => m.Key != "network").All(m => Network.Test.PrAuc > m.Test.PrAuc);
}
