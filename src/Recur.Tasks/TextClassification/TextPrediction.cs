namespace Recur.Tasks.TextClassification;

/// <summary>A text's predicted class and the probability of each class.</summary>
/// <param name="Text">The text.</param>
/// <param name="Label">The predicted class id.</param>
/// <param name="ClassName">The predicted class's name.</param>
/// <param name="Probabilities">The probability of each class, by id (they sum to 1).</param>
public sealed record TextPrediction(string Text, int Label, string ClassName, double[] Probabilities)
{
    /// <summary>The probability of the predicted class.</summary>
    public double Probability => Probabilities[Label];
}
