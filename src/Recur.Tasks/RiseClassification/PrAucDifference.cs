using Recur.Training;

namespace Recur.Tasks.RiseClassification;

/// <summary>
/// The difference of two models' PR-AUC on the same test days, with a 95 % moving-block bootstrap interval: is the gap
/// more than the handful of rare days could produce by chance?
/// </summary>
/// <param name="Difference">PR-AUC of A minus PR-AUC of B on the test span.</param>
/// <param name="Low">2.5th percentile of the resampled differences.</param>
/// <param name="High">97.5th percentile.</param>
/// <param name="Resamples">Resamples that held a rise day (others have no PR-AUC and are left out).</param>
/// <param name="BlockLength">Days per bootstrap block.</param>
public sealed record PrAucDifference(double Difference, double Low, double High, int Resamples, int BlockLength)
{
    /// <summary>True when the interval lies above 0: A ranks the rise days better than B beyond chance.</summary>
    public bool ClearlyAbove => Low > 0;

    /// <summary>
    /// Compares scores <paramref name="a"/> and <paramref name="b"/> on <paramref name="labels"/> (days in time order).
    /// Days are resampled in blocks of <paramref name="blockLength"/> consecutive days (moving-block bootstrap), because a
    /// rise within several days labels neighbouring days alike: resampling single days would understate the spread.
    /// </summary>
    public static PrAucDifference Of(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<int> labels, int resamples, int blockLength, ulong seed)
    {
        int n = labels.Count;
        if (a.Count != n || b.Count != n) throw new ArgumentException("PrAucDifference: both models' scores must be on the same days.");
        blockLength = Math.Clamp(blockLength, 1, Math.Max(1, n));
        double[] scoresA = a.ToArray(), scoresB = b.ToArray();
        int[] actual = labels.ToArray();
        double observed = RankingMetrics.AveragePrecision(scoresA, actual) - RankingMetrics.AveragePrecision(scoresB, actual);
        var generator = new Generator(seed);
        var weights = new double[n];
        var differences = new List<double>(resamples);
        for (int r = 0; r < resamples; r++)
        {
            Array.Clear(weights);
            for (int drawn = 0; drawn < n;)
            {
                int start = generator.NextInt(n - blockLength + 1);
                for (int k = 0; k < blockLength && drawn < n; k++, drawn++) weights[start + k]++;
            }
            // A resample that drew no rise day has no PR-AUC: it is left out (Resamples counts the rest).
            bool drewARise = false;
            for (int i = 0; i < n && !drewARise; i++) drewARise = actual[i] == 1 && weights[i] > 0;
            if (drewARise)
                differences.Add(RankingMetrics.AveragePrecision(scoresA, actual, weights) - RankingMetrics.AveragePrecision(scoresB, actual, weights));
        }
        if (differences.Count == 0) return new PrAucDifference(observed, double.NaN, double.NaN, 0, blockLength);
        differences.Sort();
        return new PrAucDifference(observed, Percentile(differences, 0.025), Percentile(differences, 0.975), differences.Count, blockLength);
    }

    // Linear interpolation between order statistics (numpy's default).
    private static double Percentile(List<double> sorted, double q)
    {
        double position = q * (sorted.Count - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
