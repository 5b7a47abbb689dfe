namespace Recur.Training;

/// <summary>
/// The outcome of <see cref="McNemarTest.Compare"/>: the 2×2 table of which classifier was right on each item, the
/// statistic and the two-sided p-value of "both classifiers have the same error rate".
/// </summary>
/// <param name="BothCorrect">Items both classifiers got right.</param>
/// <param name="OnlyFirstCorrect">Items only the first classifier got right (b).</param>
/// <param name="OnlySecondCorrect">Items only the second classifier got right (c).</param>
/// <param name="BothWrong">Items both got wrong.</param>
/// <param name="Method">The method used: <see cref="McNemarMethod.ExactBinomial"/> or <see cref="McNemarMethod.ChiSquaredCorrected"/>, never Auto.</param>
/// <param name="Statistic">min(b, c) for the exact test (statsmodels' convention); (|b − c| − 1)² / (b + c) for χ².</param>
/// <param name="PValue">The probability, if the two error rates were equal, of a split of the discordant items at least as uneven as this one.</param>
public sealed record McNemarResult(
    long BothCorrect, long OnlyFirstCorrect, long OnlySecondCorrect, long BothWrong,
    McNemarMethod Method, double Statistic, double PValue)
{
    /// <summary>Items on which exactly one classifier was right (b + c): the only ones the test looks at.</summary>
    public long Discordant => OnlyFirstCorrect + OnlySecondCorrect;

    /// <summary>Items compared.</summary>
    public long Total => BothCorrect + OnlyFirstCorrect + OnlySecondCorrect + BothWrong;

    /// <summary>First accuracy minus second accuracy, (b − c) / n.</summary>
    public double AccuracyDifference => Total == 0 ? 0 : (double)(OnlyFirstCorrect - OnlySecondCorrect) / Total;

    /// <summary>Whether <see cref="PValue"/> is below <paramref name="alpha"/> (the difference is beyond chance at that level).</summary>
    public bool IsSignificant(double alpha = 0.05) => PValue < alpha;
}
