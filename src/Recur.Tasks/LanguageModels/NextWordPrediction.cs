namespace Recur.Tasks.LanguageModels;

/// <summary>What the TextRNN predicts after a sentence's context.</summary>
/// <param name="Context">The words it read.</param>
/// <param name="Expected">The sentence's last word.</param>
/// <param name="Predicted">The most likely next word.</param>
/// <param name="Probability">The softmax probability of <paramref name="Predicted"/>.</param>
public sealed record NextWordPrediction(string Context, string Expected, string Predicted, float Probability)
{
    /// <summary>Whether the prediction is the sentence's last word.</summary>
    public bool IsCorrect => Predicted == Expected;
}
