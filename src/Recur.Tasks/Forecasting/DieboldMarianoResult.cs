namespace Recur.Tasks.Forecasting;

/// <summary>The outcome of <see cref="DieboldMariano.Test(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>.</summary>
/// <param name="MeanDifference">d̄, the mean of A's squared errors minus B's (negative: A is more accurate).</param>
/// <param name="Statistic">The corrected DM statistic (±∞ when every differential is the same non-zero value).</param>
/// <param name="PValue">Two-sided p-value of equal accuracy (1 for identical forecasts).</param>
/// <param name="Lag">The HAC variance's last lag L.</param>
/// <param name="Count">Paired errors n.</param>
public sealed record DieboldMarianoResult(double MeanDifference, double Statistic, double PValue, int Lag, int Count)
{
    /// <summary>The significance level of <see cref="Verdict"/>.</summary>
    public const double Level = 0.05;

    /// <summary>"better" (A more accurate at the 5 % level), "worse", or "no detectable difference".</summary>
    public string Verdict => PValue >= Level || MeanDifference == 0 ? "no detectable difference" : MeanDifference < 0 ? "better" : "worse";
}
