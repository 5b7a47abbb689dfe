namespace Recur.Tasks.Forecasting;

/// <summary>
/// The conditional-sum-of-squares fit of an ARMA(p, q) model: residuals
/// <c>ε_t = (x_t − μ) − Σ φ_i (x_{t−i} − μ) − Σ θ_j ε_{t−j}</c> for t ≥ t0, with the residuals before t0 taken as 0 and
/// the first t0 values as given, and parameters minimising <c>Σ_{t≥t0} ε_t²</c> — R's <c>arima(method = "CSS")</c>.
/// Minimised by Levenberg–Marquardt with the exact Jacobian, which the residual recursion gives by differentiating it.
/// </summary>
internal sealed class ConditionalSumOfSquares
{
    private readonly double[] _x;
    private readonly int _p, _q, _t0;
    private readonly bool _mean;

    public ConditionalSumOfSquares(double[] x, int p, int q, bool includeMean, int t0)
    {
        if (t0 < p) throw new ArgumentOutOfRangeException(nameof(t0), t0, $"CSS must condition on at least the first p = {p} values.");
        _x = x;
        _p = p;
        _q = q;
        _mean = includeMean;
        _t0 = t0;
    }

    /// <summary>Parameters in the order [μ (when included), φ_1 … φ_p, θ_1 … θ_q].</summary>
    public int ParameterCount => (_mean ? 1 : 0) + _p + _q;

    /// <summary>Residuals counted: n − t0.</summary>
    public int Observations => _x.Length - _t0;

    /// <summary>The parameter vector of <paramref name="c"/>.</summary>
    public double[] Pack(ArmaCoefficients c) => [.. (_mean ? [c.Mean] : Array.Empty<double>()), .. c.Ar, .. c.Ma];

    /// <summary>The coefficients of a parameter vector, with σ² = SSR / (n − t0).</summary>
    public ArmaCoefficients Unpack(double[] beta, double ssr)
    {
        int o = _mean ? 1 : 0;
        return new ArmaCoefficients(_mean ? beta[0] : 0, beta[o..(o + _p)], beta[(o + _p)..], ssr / Observations);
    }

    /// <summary>Minimises the sum of squares from <paramref name="start"/>; returns the parameters and the sum.</summary>
    public (double[] Beta, double Ssr) Minimise(double[] start, int maxIterations = 500)
    {
        int k = ParameterCount;
        var beta = (double[])start.Clone();
        // Jᵀ J and Jᵀ ε at β, and at a trial step: Evaluate sums them residual by residual, so neither the residuals nor
        // the Jacobian are held (a long series' Jacobian has a row per value).
        var (normal, gradient) = (new double[k, k], new double[k]);
        var (trialNormal, trialGradient) = (new double[k, k], new double[k]);
        double ssr = Evaluate(beta, normal, gradient);
        if (k == 0) return (beta, ssr);
        double damping = 1e-3;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            // The step solves (JᵀJ + λ·diag(JᵀJ)) δ = −Jᵀε (Marquardt's scaling).
            bool improved = false;
            while (damping < 1e16)
            {
                var step = Solve(normal, gradient, damping);
                var trial = new double[k];
                for (int a = 0; a < k; a++) trial[a] = beta[a] - step[a];
                if (step.All(double.IsFinite) && IsInvertible(trial))
                {
                    double trialSsr = Evaluate(trial, trialNormal, trialGradient);
                    if (double.IsFinite(trialSsr) && trialSsr <= ssr)
                    {
                        double decrease = ssr - trialSsr;
                        double change = 0;
                        for (int a = 0; a < k; a++) change = Math.Max(change, Math.Abs(step[a]) / (Math.Abs(beta[a]) + 1e-8));
                        (beta, ssr) = (trial, trialSsr);
                        (normal, gradient, trialNormal, trialGradient) = (trialNormal, trialGradient, normal, gradient);
                        damping = Math.Max(damping / 10, 1e-12);
                        improved = true;
                        if (decrease == 0 || (decrease <= 1e-15 * ssr && change < 1e-9)) return (beta, ssr);
                        break;
                    }
                }
                damping *= 10;
            }
            if (!improved) break;   // no step lowers the sum any more: a minimum to working precision
        }
        return (beta, ssr);
    }

    /// <summary>
    /// The sum of squares of the residuals ε_t (t ≥ t0) of <paramref name="beta"/>, with Jᵀ J into <paramref name="normal"/>
    /// and Jᵀ ε into <paramref name="gradient"/> (J the residuals' derivatives), each summed over t in order. Only the last
    /// q residuals and derivative rows are kept, which is all the recursion looks back on.
    /// </summary>
    public double Evaluate(double[] beta, double[,] normal, double[] gradient)
    {
        int o = _mean ? 1 : 0, k = ParameterCount;
        double mu = _mean ? beta[0] : 0;
        double arSum = 0;
        for (int i = 0; i < _p; i++) arSum += beta[o + i];
        Array.Clear(normal);
        Array.Clear(gradient);
        var recentResiduals = new double[Math.Max(_q, 1)];        // ε at row r − j, in place r mod q
        var recentDerivatives = new double[Math.Max(_q, 1), k];   // ∂ε/∂β at row r − j, likewise
        var derivative = new double[k];
        double ssr = 0;
        for (int r = 0; r < Observations; r++)
        {
            int t = _t0 + r;
            // ε_t = (x_t − μ) − Σ φ_i (x_{t−i} − μ) − Σ θ_j ε_{t−j}
            double e = _x[t] - mu;
            for (int i = 1; i <= _p; i++) e -= beta[o + i - 1] * (_x[t - i] - mu);
            for (int j = 1; j <= _q && r - j >= 0; j++) e -= beta[o + _p + j - 1] * recentResiduals[(r - j) % _q];
            ssr += e * e;
            // ∂ε_t/∂μ = −(1 − Σφ) − Σ θ_j ∂ε_{t−j}/∂μ;  ∂ε_t/∂φ_i = −(x_{t−i} − μ) − Σ θ_j ∂ε_{t−j}/∂φ_i;
            // ∂ε_t/∂θ_j = −ε_{t−j} − Σ θ_l ∂ε_{t−l}/∂θ_j
            for (int a = 0; a < k; a++)
            {
                double d;
                if (_mean && a == 0) d = -(1 - arSum);
                else if (a < o + _p) d = -(_x[t - (a - o + 1)] - mu);
                else
                {
                    int j = a - o - _p + 1;
                    d = r - j >= 0 ? -recentResiduals[(r - j) % _q] : 0;
                }
                for (int l = 1; l <= _q && r - l >= 0; l++) d -= beta[o + _p + l - 1] * recentDerivatives[(r - l) % _q, a];
                derivative[a] = d;
            }
            for (int a = 0; a < k; a++)
            {
                gradient[a] += derivative[a] * e;
                for (int b = 0; b <= a; b++) normal[a, b] += derivative[a] * derivative[b];
            }
            // Row r takes the place of row r − q, which it was the last to need.
            if (_q == 0) continue;
            recentResiduals[r % _q] = e;
            for (int a = 0; a < k; a++) recentDerivatives[r % _q, a] = derivative[a];
        }
        for (int a = 0; a < k; a++)
            for (int b = 0; b < a; b++) normal[b, a] = normal[a, b];
        return ssr;
    }

    private bool IsInvertible(double[] beta)
    {
        int o = _mean ? 1 : 0;
        return ArmaPolynomials.RootsOutsideUnitCircle(beta[(o + _p)..], sign: +1);
    }

    // Gaussian elimination with partial pivoting on the damped normal equations (k ≤ a handful of parameters).
    private static double[] Solve(double[,] normal, double[] gradient, double damping)
    {
        int k = gradient.Length;
        var a = new double[k, k + 1];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++) a[i, j] = normal[i, j];
            a[i, i] += damping * Math.Max(normal[i, i], 1e-300);
            a[i, k] = gradient[i];
        }
        for (int c = 0; c < k; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < k; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c])) pivot = r;
            if (pivot != c)
                for (int j = 0; j <= k; j++) (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            for (int r = c + 1; r < k; r++)
            {
                double f = a[r, c] / a[c, c];
                for (int j = c; j <= k; j++) a[r, j] -= f * a[c, j];
            }
        }
        var x = new double[k];
        for (int i = k - 1; i >= 0; i--)
        {
            double s = a[i, k];
            for (int j = i + 1; j < k; j++) s -= a[i, j] * x[j];
            x[i] = s / a[i, i];
        }
        return x;
    }
}
