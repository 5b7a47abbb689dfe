namespace Recur.Tasks.TextClassification;

/// <summary>One test text, its true class and the network's prediction.</summary>
/// <param name="Text">The text.</param>
/// <param name="Actual">Its true class id.</param>
/// <param name="Predicted">The network's class id.</param>
/// <param name="Probability">The probability the network gave its predicted class.</param>
/// <param name="PositiveProbability">The probability of class 1 (spam, positive), for two classes; else the predicted class's.</param>
public sealed record ClassifiedText(string Text, int Actual, int Predicted, double Probability, double PositiveProbability)
{
    /// <summary>Whether the prediction is right.</summary>
    public bool IsCorrect => Actual == Predicted;
}
