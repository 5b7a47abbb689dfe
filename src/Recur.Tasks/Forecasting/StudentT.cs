namespace Recur.Tasks.Forecasting;

/// <summary>
/// Student's t distribution with an integer number of degrees of freedom: the two-sided tail probability a test reports.
/// Computed from the regularized incomplete beta function, <c>P(|T| ≥ t) = I_{ν/(ν+t²)}(ν/2, 1/2)</c>, by its continued
/// fraction; the Gamma functions it needs are of halves of integers, which are exact products.
/// </summary>
public static class StudentT
{
    /// <summary>P(|T| ≥ |<paramref name="t"/>|) for T with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 degree of freedom, or t is NaN.</exception>
    public static double TwoSidedTail(double t, int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1)
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Student's t needs at least 1 degree of freedom.");
        if (double.IsNaN(t)) throw new ArgumentOutOfRangeException(nameof(t), t, "The statistic is NaN.");
        if (double.IsInfinity(t)) return 0;
        double nu = degreesOfFreedom;
        double x = nu / (nu + t * t);
        return Math.Clamp(RegularizedIncompleteBeta(x, degreesOfFreedom, 1), 0, 1);
    }

    /// <summary>I_x(a, b) for a = <paramref name="twiceA"/>/2 and b = <paramref name="twiceB"/>/2.</summary>
    internal static double RegularizedIncompleteBeta(double x, int twiceA, int twiceB)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double a = twiceA / 2.0, b = twiceB / 2.0;
        double logBeta = LogGammaOfHalf(twiceA) + LogGammaOfHalf(twiceB) - LogGammaOfHalf(twiceA + twiceB);
        // The continued fraction converges fast for x < (a + 1)/(a + b + 2); otherwise use I_x(a, b) = 1 − I_{1−x}(b, a).
        if (x > (a + 1) / (a + b + 2))
            return 1 - Math.Exp(b * Math.Log(1 - x) + a * Math.Log(x) - logBeta) / b * ContinuedFraction(1 - x, b, a);
        return Math.Exp(a * Math.Log(x) + b * Math.Log(1 - x) - logBeta) / a * ContinuedFraction(x, a, b);
    }

    // 1 / (1 + d1 / (1 + d2 / (1 + …))) with d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and
    // d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)), evaluated by the modified Lentz method.
    private static double ContinuedFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        double result = d;
        for (int m = 1; m <= 10_000; m++)
        {
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + even * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + even / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            result *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + odd * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + odd / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = d * c;
            result *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return result;
    }

    // ln Γ(k/2): Γ(m) = (m−1)! for whole m, Γ(m + 1/2) = √π · ½ · 3/2 · … · (m − 1/2).
    private static double LogGammaOfHalf(int k)
    {
        double sum = 0;
        if (k % 2 == 0)
        {
            for (int i = 2; i < k / 2; i++) sum += Math.Log(i);
            return sum;
        }
        sum = 0.5 * Math.Log(Math.PI);
        for (int i = 0; i < k / 2; i++) sum += Math.Log(i + 0.5);
        return sum;
    }
}
