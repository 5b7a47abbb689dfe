namespace Recur.Tasks.RiseClassification;

/// <summary>How the decision threshold on a model's probability is chosen on the validation span (<see cref="DecisionThreshold"/>).</summary>
public enum ThresholdRule
{
    /// <summary>The threshold with the largest F1 of the rise class: precision and recall of the rare days, balanced.</summary>
    F1,
    /// <summary>The threshold with the largest Youden's J = true-positive rate − false-positive rate (the ROC point farthest above the diagonal).</summary>
    Youden,
}
