namespace Recur.Tasks.Forecasting;

/// <summary>Stationarity and invertibility of ARMA lag polynomials, and the Yule–Walker equations, by Levinson–Durbin.</summary>
internal static class ArmaPolynomials
{
    /// <summary>
    /// True when <c>1 + sign·(c_1 z + … + c_k z^k)</c> has every root outside the unit circle. The step-down (Schur–Cohn)
    /// recursion turns the coefficients of an AR polynomial into its partial autocorrelations, which all lie strictly
    /// inside (−1, 1) exactly when the polynomial's roots lie outside the unit circle — no root finding needed.
    /// </summary>
    public static bool RootsOutsideUnitCircle(IReadOnlyList<double> coefficients, int sign)
    {
        int k = coefficients.Count;
        if (k == 0) return true;
        // As an AR polynomial 1 − a_1 z − … − a_k z^k: a = −sign·c.
        var a = new double[k];
        for (int i = 0; i < k; i++) a[i] = -sign * coefficients[i];
        for (int m = k; m >= 1; m--)
        {
            double reflection = a[m - 1];
            if (!(Math.Abs(reflection) < 1 - 1e-10)) return false;
            // a^{(m−1)}_i = (a_i + r a_{m−i}) / (1 − r²), i = 1 … m−1
            double scale = 1 - reflection * reflection;
            var lower = new double[m - 1];
            for (int i = 0; i < m - 1; i++) lower[i] = (a[i] + reflection * a[m - 2 - i]) / scale;
            Array.Copy(lower, a, m - 1);
        }
        return true;
    }

    /// <summary>
    /// The Yule–Walker AR(<paramref name="order"/>) coefficients of <paramref name="x"/> with the biased ("mle")
    /// autocovariances <c>r_k = Σ x̃_t x̃_{t+k} / n</c> of the demeaned series, solved by Levinson–Durbin (as
    /// statsmodels' <c>yule_walker(x, order, method="mle")</c> does with a dense solve).
    /// </summary>
    public static double[] YuleWalker(ReadOnlySpan<double> x, int order)
    {
        int n = x.Length;
        double mean = 0;
        foreach (double v in x) mean += v;
        mean /= n;
        var r = new double[order + 1];
        for (int k = 0; k <= order; k++)
        {
            double sum = 0;
            for (int t = 0; t + k < n; t++) sum += (x[t] - mean) * (x[t + k] - mean);
            r[k] = sum / n;
        }
        if (r[0] <= 0)
            throw new ArgumentException("Yule–Walker: the series is constant, so it has no autocorrelation to fit.");
        // Levinson–Durbin: φ^{(m)}_m = (r_m − Σ φ^{(m−1)}_j r_{m−j}) / v_{m−1}, φ^{(m)}_j = φ^{(m−1)}_j − φ^{(m)}_m φ^{(m−1)}_{m−j}.
        var phi = new double[order];
        var previous = new double[order];
        double variance = r[0];
        for (int m = 1; m <= order; m++)
        {
            double numerator = r[m];
            for (int j = 1; j < m; j++) numerator -= previous[j - 1] * r[m - j];
            double reflection = numerator / variance;
            phi[m - 1] = reflection;
            for (int j = 1; j < m; j++) phi[j - 1] = previous[j - 1] - reflection * previous[m - j - 1];
            variance *= 1 - reflection * reflection;
            Array.Copy(phi, previous, m);
        }
        return phi;
    }
}
