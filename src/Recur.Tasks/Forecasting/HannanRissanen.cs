namespace Recur.Tasks.Forecasting;

/// <summary>
/// The Hannan–Rissanen estimate of an ARMA(p, q) model (Brockwell &amp; Davis, <i>Introduction to Time Series and
/// Forecasting</i>, §5.1.4, steps 1 and 2): fit a long autoregression by Yule–Walker, take its residuals as estimates of
/// the innovations, then regress the series on its own lags and the lagged residuals by least squares. Two linear
/// steps, no iteration; the result equals statsmodels' <c>hannan_rissanen(x, p, q, demean, unbiased=False)</c>. It is
/// consistent but not efficient, so <see cref="ArimaModel"/> uses it as the start of a conditional-sum-of-squares fit.
/// </summary>
public static class HannanRissanen
{
    /// <summary>
    /// Estimates ARMA(<paramref name="p"/>, <paramref name="q"/>) on <paramref name="x"/> (assumed stationary). With
    /// <paramref name="demean"/> the sample mean is removed first and returned as the mean; otherwise the mean is 0.
    /// The long autoregression has order <c>max(⌊ln(n)²⌋, 2·max(p, q))</c> (Gómez and Maravall's choice, as statsmodels).
    /// σ² is the final regression's residual sum of squares over its degrees of freedom.
    /// </summary>
    /// <exception cref="ArgumentException">Negative orders, or too few values for the regressions.</exception>
    public static ArmaCoefficients Fit(ReadOnlySpan<double> x, int p, int q, bool demean = true)
    {
        using var scratch = new FitScratch(0);
        return Fit(x, p, q, demean, scratch);
    }

    /// <summary><see cref="Fit(ReadOnlySpan{double}, int, int, bool)"/> with its arrays taken from <paramref name="scratch"/>.</summary>
    internal static ArmaCoefficients Fit(ReadOnlySpan<double> x, int p, int q, bool demean, FitScratch scratch)
    {
        if (p < 0 || q < 0) throw new ArgumentOutOfRangeException(p < 0 ? nameof(p) : nameof(q), "ARMA orders cannot be negative.");
        int n = x.Length;
        double mean = 0;
        if (demean)
        {
            foreach (double v in x) mean += v;
            mean /= n;
        }
        scratch.Reset();
        var y = scratch.Take(n);
        for (int t = 0; t < n; t++) y[t] = x[t] - mean;

        if (p == 0 && q == 0)
        {
            double ss = 0;
            foreach (double v in y) ss += v * v;
            return new ArmaCoefficients(mean, [], [], ss / n);
        }
        if (q == 0)
        {
            // AR(p) by least squares on the lags (no intercept: the series is centred, or its mean is taken as 0).
            RequireRows(n - p, p, p, q);
            var (ar, _, sigma2) = Regress(y, firstRow: p, p, lags: default, q: 0, scratch);
            return new ArmaCoefficients(mean, ar, [], sigma2);
        }

        // Step 1: a long AR(m) by Yule–Walker; its residuals stand in for the innovations from t = m on.
        int m = Math.Max((int)Math.Floor(Math.Pow(Math.Log(n), 2)), 2 * Math.Max(p, q));
        if (n <= m + q + p + q)
            throw new ArgumentException($"Hannan–Rissanen ARMA({p},{q}) needs more than {m + p + 2 * q} values for its long autoregression of order {m}, got {n}.");
        var phiLong = ArmaPolynomials.YuleWalker(y, m);
        var residual = scratch.Take(n);   // residual[t] for t ≥ m
        for (int t = m; t < n; t++)
        {
            double e = y[t];
            for (int i = 1; i <= m; i++) e -= phiLong[i - 1] * y[t - i];
            residual[t] = e;
        }
        // Step 2: regress y_t on y_{t−1..t−p} and ε̂_{t−1..t−q}, for t ≥ m + q (every regressor defined).
        RequireRows(n - m - q, p + q, p, q);
        var (phi, theta, s2) = Regress(y, firstRow: m + q, p, residual, q, scratch);
        return new ArmaCoefficients(mean, phi, theta, s2);
    }

    // Least squares of y_t (t ≥ firstRow) on p lags of y and q lags of the residuals; σ² = SSR / (rows − p − q).
    private static (double[] Ar, double[] Ma, double Sigma2) Regress(ReadOnlySpan<double> y, int firstRow, int p, ReadOnlySpan<double> lags, int q,
        FitScratch scratch)
    {
        int rows = y.Length - firstRow, columns = p + q;
        var design = scratch.Take(rows * columns);   // column by column: lags of y, then lags of the residuals
        var response = scratch.Take(rows);
        for (int r = 0; r < rows; r++)
        {
            int t = firstRow + r;
            for (int i = 1; i <= p; i++) design[(i - 1) * rows + r] = y[t - i];
            for (int j = 1; j <= q; j++) design[(p + j - 1) * rows + r] = lags[t - j];
            response[r] = y[t];
        }
        var beta = LeastSquares.Solve(design, rows, columns, response, scratch.Take(rows));
        // The residuals from the regressors themselves (the design's columns, in its order): the solve overwrote it.
        double ssr = 0;
        for (int r = 0; r < rows; r++)
        {
            int t = firstRow + r;
            double fitted = 0;
            for (int i = 1; i <= p; i++) fitted += y[t - i] * beta[i - 1];
            for (int j = 1; j <= q; j++) fitted += lags[t - j] * beta[p + j - 1];
            ssr += (y[t] - fitted) * (y[t] - fitted);
        }
        return (beta[..p], beta[p..], ssr / (rows - columns));
    }

    private static void RequireRows(int rows, int columns, int p, int q)
    {
        if (rows <= columns)
            throw new ArgumentException($"Hannan–Rissanen ARMA({p},{q}) has {rows} equations for {columns} coefficients; the series is too short.");
    }
}
