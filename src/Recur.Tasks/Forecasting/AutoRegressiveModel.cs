namespace Recur.Tasks.Forecasting;

/// <summary>
/// A linear autoregression AR(p) on one series, fitted by least squares:
/// <c>y_t = c + a_1 y_{t−1} + … + a_p y_{t−p}</c>. Forecasts beyond one step feed earlier forecasts back in.
/// </summary>
public sealed class AutoRegressiveModel
{
    private readonly double[] _coefficients; // [c, a_1, …, a_p]

    private AutoRegressiveModel(double[] coefficients) => _coefficients = coefficients;

    /// <summary>The number of lags p.</summary>
    public int Order => _coefficients.Length - 1;

    /// <summary>The intercept c.</summary>
    public double Intercept => _coefficients[0];

    /// <summary>The lag weights a_1 … a_p (a_1 multiplies the most recent value).</summary>
    public IReadOnlyList<double> Weights => _coefficients[1..];

    /// <summary>
    /// Fits AR(<paramref name="order"/>) to <paramref name="series"/>[0 … <paramref name="lastRow"/>] (inclusive): one
    /// equation per row t in [p, lastRow]. Solved by Householder QR, which stays accurate for price-sized values where
    /// the normal equations would square the condition number.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer rows than unknowns.</exception>
    public static AutoRegressiveModel Fit(ReadOnlySpan<double> series, int order, int lastRow)
    {
        using var scratch = new FitScratch(0);
        return Fit(series, order, lastRow, scratch);
    }

    /// <summary><see cref="Fit(ReadOnlySpan{double}, int, int)"/> with the design taken from <paramref name="scratch"/>.</summary>
    internal static AutoRegressiveModel Fit(ReadOnlySpan<double> series, int order, int lastRow, FitScratch scratch)
    {
        if (order < 1) throw new ArgumentOutOfRangeException(nameof(order), order, "The AR order must be at least 1.");
        if (lastRow >= series.Length) throw new ArgumentOutOfRangeException(nameof(lastRow), lastRow, $"The series has {series.Length} values.");
        int rows = lastRow - order + 1, columns = order + 1;
        if (rows < columns)
            throw new ArgumentException($"AR({order}) needs at least {columns + order} training values, but the training span has {lastRow + 1}.");
        scratch.Reset();
        var design = scratch.Take(rows * columns);   // column by column: the intercept, then lag 1 … p
        var response = scratch.Take(rows);
        for (int r = 0; r < rows; r++)
        {
            int t = order + r;
            design[r] = 1;
            for (int lag = 1; lag <= order; lag++) design[lag * rows + r] = series[t - lag];
            response[r] = series[t];
        }
        return new AutoRegressiveModel(LeastSquares.Solve(design, rows, columns, response, scratch.Take(rows)));
    }

    /// <summary>
    /// Forecasts <paramref name="steps"/> values following <paramref name="history"/> (its last p values are the lags;
    /// the last one is the most recent).
    /// </summary>
    public double[] Forecast(ReadOnlySpan<double> history, int steps)
    {
        var forecast = new double[steps];
        Forecast(history, forecast);
        return forecast;
    }

    /// <summary>
    /// <see cref="Forecast(ReadOnlySpan{double}, int)"/> into <paramref name="forecast"/> (its length is the steps), the
    /// same values with nothing allocated for a short horizon: a long test span forecasts once per window.
    /// </summary>
    public void Forecast(ReadOnlySpan<double> history, Span<double> forecast)
    {
        int p = Order, steps = forecast.Length;
        if (history.Length < p) throw new ArgumentException($"AR({p}) needs {p} past values, got {history.Length}.");
        // Each step's lags: the history's last p values, then the steps forecast so far.
        Span<double> lags = p + steps <= 256 ? stackalloc double[p + steps] : new double[p + steps];
        history[^p..].CopyTo(lags);
        for (int s = 0; s < steps; s++)
        {
            double y = _coefficients[0];
            for (int lag = 1; lag <= p; lag++) y += _coefficients[lag] * lags[p + s - lag];
            lags[p + s] = y;
            forecast[s] = y;
        }
    }
}
