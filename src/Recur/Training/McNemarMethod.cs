namespace Recur.Training;

/// <summary>How <see cref="McNemarTest"/> turns the discordant counts into a p-value.</summary>
public enum McNemarMethod
{
    /// <summary>
    /// <see cref="ExactBinomial"/> when fewer than 25 items are discordant (b + c &lt; 25), where the χ² approximation is
    /// poor; <see cref="ChiSquaredCorrected"/> otherwise.
    /// </summary>
    Auto,

    /// <summary>Two-sided exact binomial test: p = min(1, 2 · P(X ≤ min(b, c))) with X ~ Binomial(b + c, ½).</summary>
    ExactBinomial,

    /// <summary>χ² with one degree of freedom and Edwards' continuity correction: (|b − c| − 1)² / (b + c).</summary>
    ChiSquaredCorrected,
}
