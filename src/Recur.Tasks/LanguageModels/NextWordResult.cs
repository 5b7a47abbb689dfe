namespace Recur.Tasks.LanguageModels;

/// <summary>What training the TextRNN produced.</summary>
/// <param name="Words">The vocabulary, in order of first appearance (the one-hot positions).</param>
/// <param name="Predictions">Each sentence's prediction after training.</param>
/// <param name="LossCurve">The cross-entropy of every step, before its update.</param>
/// <param name="Elapsed">Training time.</param>
public sealed record NextWordResult(IReadOnlyList<string> Words, IReadOnlyList<NextWordPrediction> Predictions, IReadOnlyList<float> LossCurve, TimeSpan Elapsed)
{
    /// <summary>Whether every sentence's last word is predicted.</summary>
    public bool AllCorrect => Predictions.All(p => p.IsCorrect);
}
