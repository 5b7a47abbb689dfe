namespace Recur.Tasks.TextClassification;

/// <summary>A baseline's test-set predictions and scores.</summary>
/// <param name="Name">The baseline's name ("majority class", "naive Bayes, word 1-2-grams", …).</param>
/// <param name="Predictions">Its predictions on the test texts.</param>
/// <param name="Scores">Its scores.</param>
public sealed record BaselineResult(string Name, ClassPredictions Predictions, ClassifierScores Scores);
