namespace Recur.Training;

/// <summary>
/// McNemar's test of whether two classifiers scored on the same items have the same error rate. Only the discordant
/// items count: b, where only the first was right, and c, where only the second was. Under equal error rates each
/// discordant item is a fair coin, so b ~ Binomial(b + c, ½). The p-values equal statsmodels'
/// <c>mcnemar(table, exact=True)</c> and <c>mcnemar(table, exact=False, correction=True)</c>.
/// </summary>
public static class McNemarTest
{
    /// <summary>Below this many discordant items <see cref="McNemarMethod.Auto"/> uses the exact binomial test.</summary>
    public const int ExactBelowDiscordant = 25;

    /// <summary>
    /// Compares the predictions of two classifiers, <paramref name="first"/> and <paramref name="second"/>, on the
    /// items whose true classes are <paramref name="actual"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The three lengths differ, or there are no items.</exception>
    public static McNemarResult Compare(ReadOnlySpan<int> first, ReadOnlySpan<int> second, ReadOnlySpan<int> actual,
        McNemarMethod method = McNemarMethod.Auto)
    {
        if (first.Length != actual.Length || second.Length != actual.Length)
            throw new ArgumentException(
                $"McNemarTest: {first.Length} first and {second.Length} second predictions for {actual.Length} targets; all three must be equal.");
        if (actual.IsEmpty) throw new ArgumentException("McNemarTest: no items to compare.");
        long both = 0, onlyFirst = 0, onlySecond = 0, neither = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            bool a = first[i] == actual[i], b = second[i] == actual[i];
            if (a && b) both++;
            else if (a) onlyFirst++;
            else if (b) onlySecond++;
            else neither++;
        }
        return FromCounts(both, onlyFirst, onlySecond, neither, method);
    }

    /// <summary>The test from the 2×2 table's counts (b = <paramref name="onlyFirstCorrect"/>, c = <paramref name="onlySecondCorrect"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static McNemarResult FromCounts(long bothCorrect, long onlyFirstCorrect, long onlySecondCorrect, long bothWrong,
        McNemarMethod method = McNemarMethod.Auto)
    {
        if (bothCorrect < 0 || onlyFirstCorrect < 0 || onlySecondCorrect < 0 || bothWrong < 0)
            throw new ArgumentOutOfRangeException(nameof(bothCorrect),
                $"McNemarTest: counts must be non-negative (got {bothCorrect}, {onlyFirstCorrect}, {onlySecondCorrect}, {bothWrong}).");
        long b = onlyFirstCorrect, c = onlySecondCorrect, n = b + c;
        if (method == McNemarMethod.Auto)
            method = n < ExactBelowDiscordant ? McNemarMethod.ExactBinomial : McNemarMethod.ChiSquaredCorrected;

        double statistic, p;
        if (method == McNemarMethod.ExactBinomial)
        {
            long smaller = Math.Min(b, c);
            statistic = smaller;
            p = Math.Min(1.0, 2 * BinomialHalfCdf(smaller, n));
        }
        else if (method == McNemarMethod.ChiSquaredCorrected)
        {
            if (n == 0)
                throw new ArgumentException("McNemarTest: no discordant items, so the χ² statistic is 0/0; use the exact test (p = 1).");
            double excess = Math.Abs(b - c) - 1.0;
            statistic = excess * excess / n;
            p = ChiSquaredOneDegreeSurvival(statistic);
        }
        else throw new ArgumentOutOfRangeException(nameof(method), method, "McNemarTest: unknown method.");
        return new McNemarResult(bothCorrect, b, c, bothWrong, method, statistic, p);
    }

    /// <summary>
    /// P(X ≤ k) for X ~ Binomial(n, ½), k ≤ n/2: the largest term C(n, k) 2⁻ⁿ from its logarithm (summed with
    /// compensation, so large n neither underflows 2⁻ⁿ nor loses digits), times Σ of the terms below it relative to it,
    /// C(n, i−1) / C(n, i) = i / (n − i + 1).
    /// </summary>
    private static double BinomialHalfCdf(long k, long n)
    {
        double logTerm = -n * Math.Log(2), compensation = 0; // ln(C(n, 0) 2⁻ⁿ), Kahan-summed
        for (long i = 1; i <= k; i++)
        {
            double add = Math.Log((double)(n - i + 1) / i) - compensation;
            double sum = logTerm + add;
            compensation = (sum - logTerm) - add;
            logTerm = sum;
        }
        double relative = 1, total = 1;
        for (long i = k; i >= 1 && relative > 1e-18 * total; i--)
        {
            relative *= (double)i / (n - i + 1);
            total += relative;
        }
        return Math.Min(1.0, Math.Exp(logTerm) * total);
    }

    /// <summary>
    /// P(χ²₁ ≥ x) = Q(½, x/2), the regularized upper incomplete gamma function, by its power series below a + 1 and
    /// Lentz's continued fraction above (both to double precision).
    /// </summary>
    private static double ChiSquaredOneDegreeSurvival(double statistic)
    {
        if (statistic <= 0) return 1.0;
        const double a = 0.5;
        double x = statistic / 2;
        double logGammaA = 0.5 * Math.Log(Math.PI); // ln Γ(½) = ln √π
        double prefactor = Math.Exp(-x + a * Math.Log(x) - logGammaA);
        if (x < a + 1)
        {
            // P(a, x) = e^−x x^a / Γ(a) · Σₙ xⁿ / (a (a+1) … (a+n))
            double term = 1 / a, sum = term, denominator = a;
            for (int iteration = 0; iteration < 1000 && Math.Abs(term) > Math.Abs(sum) * 1e-17; iteration++)
            {
                denominator += 1;
                term *= x / denominator;
                sum += term;
            }
            return 1 - sum * prefactor;
        }
        // Q(a, x) = e^−x x^a / Γ(a) · 1 / (x + 1 − a − 1(1 − a) / (x + 3 − a − 2(2 − a) / (x + 5 − a − …)))
        const double tiny = 1e-300;
        double bTerm = x + 1 - a, c = 1 / tiny, d = 1 / bTerm, h = d;
        for (int i = 1; i < 1000; i++)
        {
            double an = -i * (i - a);
            bTerm += 2;
            d = an * d + bTerm;
            if (Math.Abs(d) < tiny) d = tiny;
            c = bTerm + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15) break;
        }
        return prefactor * h;
    }
}
