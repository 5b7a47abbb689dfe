namespace Recur.Tasks.RiseClassification;

/// <summary>How the up/down models weigh the rare rise days against the common ones.</summary>
public enum ClassWeighting
{
    /// <summary>
    /// Each class counts as much in total as the other: the network's <c>BCEWithLogitsLoss</c> takes
    /// <c>pos_weight</c> = negatives / positives of the training span, the logistic regression scikit-learn's "balanced"
    /// sample weights <c>n / (2 · count)</c> (the same ratio).
    /// </summary>
    Balanced,
    /// <summary>Every day counts once: the models see the imbalance as it is (and lean towards "no").</summary>
    None,
}
