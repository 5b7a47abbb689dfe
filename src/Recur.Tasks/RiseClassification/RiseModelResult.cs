namespace Recur.Tasks.RiseClassification;

/// <summary>One model of an up/down run: its name, its probabilities on the validation and test days, and its scores.</summary>
/// <param name="Key">"network", "logistic" or "always_no" (JSON keys).</param>
/// <param name="Name">The name reports use.</param>
/// <param name="ValidationProbabilities">P(rise) on each validation day.</param>
/// <param name="TestProbabilities">P(rise) on each test day.</param>
/// <param name="Validation">Scores on the validation span (where its threshold was chosen).</param>
/// <param name="Test">Scores on the test span.</param>
public sealed record RiseModelResult(string Key, string Name, double[] ValidationProbabilities, double[] TestProbabilities,
    RiseScores Validation, RiseScores Test);
