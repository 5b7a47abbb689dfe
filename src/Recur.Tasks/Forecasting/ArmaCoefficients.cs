namespace Recur.Tasks.Forecasting;

/// <summary>
/// The coefficients of an ARMA(p, q) model of a series x with mean μ:
/// <c>x_t − μ = φ_1 (x_{t−1} − μ) + … + φ_p (x_{t−p} − μ) + ε_t + θ_1 ε_{t−1} + … + θ_q ε_{t−q}</c>,
/// with the innovations' variance σ². The signs are statsmodels' (and R's): θ enters with a plus.
/// </summary>
/// <param name="Mean">μ (0 for a model fitted without a mean).</param>
/// <param name="Ar">φ_1 … φ_p.</param>
/// <param name="Ma">θ_1 … θ_q.</param>
/// <param name="Sigma2">σ², the innovations' variance as the fit estimates it.</param>
public sealed record ArmaCoefficients(double Mean, IReadOnlyList<double> Ar, IReadOnlyList<double> Ma, double Sigma2)
{
    /// <summary>True when the AR polynomial 1 − φ_1 z − … − φ_p z^p has all its roots outside the unit circle.</summary>
    public bool IsStationary => ArmaPolynomials.RootsOutsideUnitCircle(Ar, sign: -1);

    /// <summary>True when the MA polynomial 1 + θ_1 z + … + θ_q z^q has all its roots outside the unit circle.</summary>
    public bool IsInvertible => ArmaPolynomials.RootsOutsideUnitCircle(Ma, sign: +1);
}
