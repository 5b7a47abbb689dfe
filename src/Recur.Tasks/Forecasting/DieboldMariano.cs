namespace Recur.Tasks.Forecasting;

/// <summary>
/// The Diebold–Mariano test of equal predictive accuracy: on the loss differentials <c>d_t = e_{A,t}² − e_{B,t}²</c> of two
/// forecasters over the same targets, <c>DM = d̄ / √(V / n)</c> with V the heteroscedasticity- and
/// autocorrelation-consistent (HAC) long-run variance of d (Newey–West's Bartlett weights up to lag
/// <c>L = max(h − 1, ⌊4 (n/100)^{2/9}⌋)</c>), scaled by Harvey, Leybourne and Newbold's small-sample factor
/// <c>√((n + 1 − 2h + h(h − 1)/n) / n)</c> and referred to Student's t with n − 1 degrees of freedom.
/// </summary>
public static class DieboldMariano
{
    /// <summary>
    /// Compares forecaster A with B from their errors (forecast − actual) on the same targets, <paramref name="horizon"/>
    /// steps ahead. A negative mean differential means A's squared errors are smaller.
    /// </summary>
    /// <exception cref="ArgumentException">Different lengths, or fewer than 3 errors.</exception>
    public static DieboldMarianoResult Test(ReadOnlySpan<double> errorsA, ReadOnlySpan<double> errorsB, int horizon = 1)
    {
        if (errorsA.Length != errorsB.Length)
            throw new ArgumentException($"Diebold–Mariano: {errorsA.Length} errors of A but {errorsB.Length} of B; they must be on the same targets.");
        RequireSample(errorsA.Length, horizon);
        var d = new double[errorsA.Length];
        for (int t = 0; t < d.Length; t++) d[t] = errorsA[t] * errorsA[t] - errorsB[t] * errorsB[t];
        return OfDifferentials(d, horizon);
    }

    /// <summary>
    /// <see cref="Test(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/> from the forecasts of A and B and the
    /// <paramref name="actual"/> values they forecast, their errors (forecast − actual) taken as it goes: the same
    /// result without an array of either forecaster's errors.
    /// </summary>
    /// <exception cref="ArgumentException">Different lengths, or fewer than 3 values.</exception>
    public static DieboldMarianoResult Test(ReadOnlySpan<double> forecastA, ReadOnlySpan<double> forecastB, ReadOnlySpan<double> actual, int horizon = 1)
    {
        if (forecastA.Length != actual.Length || forecastB.Length != actual.Length)
            throw new ArgumentException(
                $"Diebold–Mariano: {forecastA.Length} forecasts of A and {forecastB.Length} of B for {actual.Length} actual values; they must be on the same targets.");
        RequireSample(actual.Length, horizon);
        var d = new double[actual.Length];
        for (int t = 0; t < d.Length; t++)
        {
            double errorA = forecastA[t] - actual[t], errorB = forecastB[t] - actual[t];
            d[t] = errorA * errorA - errorB * errorB;
        }
        return OfDifferentials(d, horizon);
    }

    private static void RequireSample(int n, int horizon)
    {
        if (n < 3) throw new ArgumentException($"Diebold–Mariano needs at least 3 paired errors, got {n}.");
        if (horizon < 1) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon is at least 1.");
    }

    // The test on the loss differentials d.
    private static DieboldMarianoResult OfDifferentials(double[] d, int horizon)
    {
        int n = d.Length;
        double mean = 0;
        for (int t = 0; t < n; t++) mean += d[t];
        mean /= n;
        int lag = Math.Min(n - 1, Math.Max(horizon - 1, (int)Math.Floor(4 * Math.Pow(n / 100.0, 2.0 / 9))));
        // V = γ_0 + 2 Σ_{k=1}^{L} (1 − k/(L+1)) γ_k, γ_k = Σ_{t≥k} (d_t − d̄)(d_{t−k} − d̄) / n
        double variance = Autocovariance(d, mean, 0);
        for (int k = 1; k <= lag; k++) variance += 2 * (1 - k / (lag + 1.0)) * Autocovariance(d, mean, k);
        if (!(variance > 0))
        {
            // Every differential equal: identical forecasts (no evidence either way), or a constant gap.
            bool identical = mean == 0;
            return new DieboldMarianoResult(mean, identical ? 0 : Math.CopySign(double.PositiveInfinity, mean), identical ? 1 : 0, lag, n);
        }
        double correction = Math.Sqrt((n + 1 - 2.0 * horizon + horizon * (horizon - 1.0) / n) / n);
        double statistic = mean / Math.Sqrt(variance / n) * correction;
        return new DieboldMarianoResult(mean, statistic, StudentT.TwoSidedTail(statistic, n - 1), lag, n);
    }

    private static double Autocovariance(double[] d, double mean, int k)
    {
        double sum = 0;
        for (int t = k; t < d.Length; t++) sum += (d[t] - mean) * (d[t - k] - mean);
        return sum / d.Length;
    }
}
