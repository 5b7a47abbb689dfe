namespace Recur.Tasks.Forecasting;

/// <summary>
/// An ARIMA(p, d, q) model of one series: its d-th differences x follow ARMA(p, q) with mean μ (the drift when d ≥ 1),
/// <c>x_t − μ = Σ φ_i (x_{t−i} − μ) + ε_t + Σ θ_j ε_{t−j}</c>. Fitted by conditional sum of squares
/// (<see cref="ConditionalSumOfSquares"/>) from a <see cref="HannanRissanen"/> start; orders chosen by AIC with
/// <see cref="Select(ReadOnlySpan{double}, int, int, int, int, bool)"/>. Forecasts iterate the recursion with future innovations 0 and undo the differencing.
/// </summary>
public sealed class ArimaModel
{
    private ArimaModel(int p, int d, int q, int conditionOn, ArmaCoefficients coefficients, double sumOfSquares, int observations, bool includesMean)
    {
        P = p;
        D = d;
        Q = q;
        ConditionOn = conditionOn;
        Coefficients = coefficients;
        SumOfSquares = sumOfSquares;
        Observations = observations;
        IncludesMean = includesMean;
    }

    /// <summary>AR order p.</summary>
    public int P { get; }

    /// <summary>Differences taken, d.</summary>
    public int D { get; }

    /// <summary>MA order q.</summary>
    public int Q { get; }

    /// <summary>Leading values of the differenced series the fit conditions on (their residuals are not counted).</summary>
    public int ConditionOn { get; }

    /// <summary>μ, φ, θ and σ² = SSR / <see cref="Observations"/>.</summary>
    public ArmaCoefficients Coefficients { get; }

    /// <summary>True when μ was estimated (otherwise it is 0).</summary>
    public bool IncludesMean { get; }

    /// <summary>The conditional sum of squared residuals at the fit.</summary>
    public double SumOfSquares { get; }

    /// <summary>Residuals counted in the sum.</summary>
    public int Observations { get; }

    /// <summary>
    /// Akaike's criterion from the conditional Gaussian likelihood: <c>n (ln(2π·SSR/n) + 1) + 2k</c>, with n the residuals
    /// counted and k the coefficients plus σ².
    /// </summary>
    public double Aic => Observations * (Math.Log(2 * Math.PI * SumOfSquares / Observations) + 1) + 2 * (P + Q + (IncludesMean ? 1 : 0) + 1);

    /// <summary>"ARIMA(1,1,1)", or "ARMA(2,1)" when d = 0.</summary>
    public string Name => D == 0 ? $"ARMA({P},{Q})" : $"ARIMA({P},{D},{Q})";

    /// <summary>
    /// Fits ARIMA(<paramref name="p"/>, <paramref name="d"/>, <paramref name="q"/>) to <paramref name="series"/>[0 …
    /// <paramref name="lastRow"/>]. The residual sum starts after the first <paramref name="conditionOn"/> differenced
    /// values (default p); order searches pass a common value so that every candidate is scored on the same residuals.
    /// </summary>
    /// <exception cref="ArgumentException">Orders out of range, or too few values.</exception>
    public static ArimaModel Fit(ReadOnlySpan<double> series, int p, int d, int q, int lastRow, bool includeMean = true, int? conditionOn = null)
    {
        if (p < 0 || q < 0) throw new ArgumentOutOfRangeException(p < 0 ? nameof(p) : nameof(q), "ARMA orders cannot be negative.");
        using var scratch = new FitScratch(0);
        return FitDifferenced(Differenced(series, d, lastRow), p, d, q, lastRow, includeMean, conditionOn ?? p, scratch);
    }

    // series[0 … lastRow] differenced d times, the arguments checked.
    private static double[] Differenced(ReadOnlySpan<double> series, int d, int lastRow)
    {
        if (d is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(d), d, "ARIMA takes 0, 1 or 2 differences.");
        if (lastRow >= series.Length || lastRow < 0) throw new ArgumentOutOfRangeException(nameof(lastRow), lastRow, $"The series has {series.Length} values.");
        return Difference(series[..(lastRow + 1)], d);
    }

    private static ArimaModel FitDifferenced(double[] x, int p, int d, int q, int lastRow, bool includeMean, int t0, FitScratch scratch)
    {
        int k = p + q + (includeMean ? 1 : 0);
        if (x.Length - t0 <= k + 1)
            throw new ArgumentException($"ARIMA({p},{d},{q}) needs more than {t0 + k + 1 + d} training values, but the training span has {lastRow + 1}.");
        var css = new ConditionalSumOfSquares(x, p, q, includeMean, t0);
        var (beta, ssr) = css.Minimise(css.Pack(Start(x, p, q, includeMean, scratch)));
        return new ArimaModel(p, d, q, t0, css.Unpack(beta, ssr), ssr, css.Observations, includeMean);
    }

    /// <summary>
    /// Fits every ARIMA(p, <paramref name="d"/>, q) with p ≤ <paramref name="maxP"/> and q ≤ <paramref name="maxQ"/> on
    /// <paramref name="series"/>[0 … <paramref name="lastRow"/>], all conditioned on the first <paramref name="maxP"/>
    /// differenced values, and keeps the smallest AIC. Candidates whose fit fails (too few values) are left out.
    /// </summary>
    /// <exception cref="ArgumentException">No candidate could be fitted.</exception>
    public static ArimaSelection Select(ReadOnlySpan<double> series, int d, int maxP, int maxQ, int lastRow, bool includeMean = true)
    {
        using var scratch = new FitScratch(0);
        return Select(series, d, maxP, maxQ, lastRow, includeMean, scratch);
    }

    /// <summary><see cref="Select(ReadOnlySpan{double}, int, int, int, int, bool)"/> with the fits' arrays taken from <paramref name="scratch"/>.</summary>
    internal static ArimaSelection Select(ReadOnlySpan<double> series, int d, int maxP, int maxQ, int lastRow, bool includeMean, FitScratch scratch)
    {
        var candidates = new List<ArimaModel>();
        string? failure = null;
        double[]? x = null;   // the differences every candidate fits, taken once
        for (int p = 0; p <= maxP; p++)
            for (int q = 0; q <= maxQ; q++)
            {
                try
                {
                    x ??= Differenced(series, d, lastRow);
                    candidates.Add(FitDifferenced(x, p, d, q, lastRow, includeMean, t0: maxP, scratch));
                }
                catch (ArgumentException e)
                {
                    failure ??= e.Message;
                }
            }
        if (candidates.Count == 0) throw new ArgumentException(failure ?? "no ARIMA candidate to fit.");
        var best = candidates.MinBy(c => c.Aic)!;
        return new ArimaSelection(best, candidates.Select(c => new ArimaCandidate(c.P, c.Q, c.Aic)).ToArray());
    }

    /// <summary>
    /// Forecasts <paramref name="steps"/> values after <paramref name="history"/> (levels, oldest first): the residuals of
    /// the whole history are computed with the fitted coefficients (conditioned as the fit was), future innovations are 0,
    /// and the differencing is undone.
    /// </summary>
    public double[] Forecast(ReadOnlySpan<double> history, int steps) =>
        new RollingArimaForecast(this, history.ToArray()).Forecast(history.Length, steps);

    /// <summary>
    /// Forecasts from ever longer beginnings of <paramref name="series"/>, each as <see cref="Forecast"/> gives it, in
    /// time proportional to the series once rather than to each history (for scoring a test span point by point).
    /// </summary>
    public RollingArimaForecast Along(ReadOnlyMemory<double> series) => new(this, series);

    // Hannan–Rissanen where the series is long enough, else the mean and zeros; an MA part that is not invertible
    // starts at 0 (the CSS recursion would explode).
    private static ArmaCoefficients Start(double[] x, int p, int q, bool includeMean, FitScratch scratch)
    {
        try
        {
            var hr = HannanRissanen.Fit(x, p, q, includeMean, scratch);
            if (!hr.Ma.All(double.IsFinite) || !hr.Ar.All(double.IsFinite)) throw new ArgumentException("not finite");
            return hr.IsInvertible ? hr : hr with { Ma = new double[q] };
        }
        catch (ArgumentException)
        {
            return new ArmaCoefficients(includeMean ? x.Average() : 0, new double[p], new double[q], 0);
        }
    }

    /// <summary>The <paramref name="d"/>-th differences of <paramref name="values"/> (d fewer values than given).</summary>
    public static double[] Difference(ReadOnlySpan<double> values, int d)
    {
        if (d == 0) return values.ToArray();
        if (values.Length < d) throw new ArgumentException($"{d} differences need at least {d} values, got {values.Length}.", nameof(values));
        // The first differences straight from the values, further ones in place (x_t = x_{t+1} − x_t reads x_{t+1}
        // before it changes): one array, not a copy per level.
        var x = new double[values.Length - 1];
        for (int t = 0; t < x.Length; t++) x[t] = values[t + 1] - values[t];
        for (int k = 1; k < d; k++)
            for (int t = 0; t < x.Length - k; t++) x[t] = x[t + 1] - x[t];
        return d == 1 ? x : x[..^(d - 1)];
    }
}
