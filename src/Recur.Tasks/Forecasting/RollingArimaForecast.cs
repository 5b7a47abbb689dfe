namespace Recur.Tasks.Forecasting;

/// <summary>
/// The forecasts of one fitted <see cref="ArimaModel"/> from ever longer beginnings of one series, as a backtest asks
/// for them: <see cref="Forecast(int, int)"/>(end, steps) is <c>model.Forecast(series[..end], steps)</c> to the bit, in time
/// proportional to the values added since the previous call rather than to the whole history. The residual recursion
/// only looks back (each residual needs the last p differenced values and q residuals), so the residuals of a longer
/// history extend those of a shorter one; they are carried forward, keeping the last q.
/// </summary>
public sealed class RollingArimaForecast
{
    private readonly ArimaModel _model;
    private readonly ReadOnlyMemory<double> _series;
    private readonly double[] _recentResiduals;   // ε_t at t mod q, for the last q differenced values reached
    private readonly double[] _last;              // per differencing level, its last value (reused by each forecast)
    private double[] _predicted = [];             // x̂ of the steps being forecast (reused while the horizon fits)
    private int _reached;                         // differenced values whose residuals are known: x_0 … x_{_reached−1}

    /// <summary>Forecasts of <paramref name="model"/> along <paramref name="series"/> (levels, oldest first; not copied).</summary>
    public RollingArimaForecast(ArimaModel model, ReadOnlyMemory<double> series)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _series = series;
        _recentResiduals = new double[model.Q];
        _last = new double[model.D + 1];
    }

    /// <summary>
    /// Forecasts <paramref name="steps"/> values after the first <paramref name="end"/> values of the series, as
    /// <see cref="ArimaModel.Forecast"/> does from them: the residuals of that history (conditioned as the fit was),
    /// future innovations 0, the differencing undone. Each call's <paramref name="end"/> must be at least the previous one's.
    /// </summary>
    /// <exception cref="ArgumentException">Too short a history, an end past the series, or an end before the previous one.</exception>
    public double[] Forecast(int end, int steps)
    {
        var forecast = new double[steps];
        Forecast(end, forecast);
        return forecast;
    }

    /// <summary>
    /// <see cref="Forecast(int, int)"/> into <paramref name="forecast"/> (its length is the steps): the same values, with
    /// nothing allocated once the horizon's buffer is made, so a long test span makes no arrays per window.
    /// </summary>
    /// <exception cref="ArgumentException">Too short a history, an end past the series, or an end before the previous one.</exception>
    public void Forecast(int end, Span<double> forecast)
    {
        var m = _model;
        int steps = forecast.Length;
        if (end < m.D + m.ConditionOn + 1)
            throw new ArgumentException($"{m.Name} needs at least {m.D + m.ConditionOn + 1} past values to forecast, got {end}.");
        if (end > _series.Length) throw new ArgumentOutOfRangeException(nameof(end), end, $"The series has {_series.Length} values.");
        int n = end - m.D;
        if (n < _reached)
            throw new ArgumentException($"forecasts go forward: the history ends at {end}, before the {_reached + m.D} values already reached.", nameof(end));
        var c = m.Coefficients;
        double mu = m.IncludesMean ? c.Mean : 0;
        for (; _reached < n; _reached++)
        {
            int t = _reached, r = t - m.ConditionOn;
            if (r < 0) continue;
            // ε_t = (x_t − μ) − Σ φ_i (x_{t−i} − μ) − Σ θ_j ε_{t−j}, the residuals before the conditioning point left out
            double e = Differenced(t) - mu;
            for (int i = 1; i <= m.P; i++) e -= c.Ar[i - 1] * (Differenced(t - i) - mu);
            for (int j = 1; j <= m.Q && r - j >= 0; j++) e -= c.Ma[j - 1] * Residual(t - j);
            if (m.Q > 0) _recentResiduals[t % m.Q] = e;
        }

        // The last value of each differencing level, to integrate the forecasts back to levels.
        var last = _last;
        for (int k = 0; k <= m.D; k++) last[k] = Difference(end - k - 1, k);
        if (_predicted.Length < steps) _predicted = new double[steps];
        var predicted = _predicted;   // x̂_{n+s}
        for (int s = 0; s < steps; s++)
        {
            int t = n + s;
            // x̂_t = μ + Σ φ_i (x_{t−i} − μ) + Σ θ_j ε_{t−j}, with ε = 0 from t on and before the conditioning point
            double v = c.Mean;
            for (int i = 1; i <= m.P; i++) v += c.Ar[i - 1] * ((t - i >= n ? predicted[t - i - n] : Differenced(t - i)) - c.Mean);
            for (int j = 1; j <= m.Q; j++) v += c.Ma[j - 1] * (t - j >= n || t - j < m.ConditionOn ? 0 : Residual(t - j));
            predicted[s] = v;
            // Undo the differences: each level's next value is its last plus the next value of the level above.
            double next = v;
            for (int k = m.D - 1; k >= 0; k--)
            {
                last[k] += next;
                next = last[k];
            }
            if (m.D > 0) last[m.D] = v;
            forecast[s] = m.D == 0 ? v : next;
        }
    }

    // ε_t for one of the last q differenced values reached.
    private double Residual(int t) => _recentResiduals[t % _model.Q];

    // x_t, the D-th difference at t.
    private double Differenced(int t) => Difference(t, _model.D);

    // The d-th difference at t, taken as ArimaModel.Difference takes it (level by level), from the d + 1 values at t.
    private double Difference(int t, int d)
    {
        Span<double> levels = stackalloc double[d + 1];
        _series.Span.Slice(t, d + 1).CopyTo(levels);
        for (int k = 1; k <= d; k++)
            for (int u = 0; u + k <= d; u++) levels[u] = levels[u + 1] - levels[u];
        return levels[0];
    }
}
