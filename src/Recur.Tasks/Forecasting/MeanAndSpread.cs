namespace Recur.Tasks.Forecasting;

/// <summary>The mean and the sample standard deviation (n − 1) of a score over backtest folds.</summary>
public readonly record struct MeanAndSpread(double Mean, double StandardDeviation)
{
    /// <summary>Of <paramref name="values"/>; the deviation is 0 for a single value.</summary>
    public static MeanAndSpread Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("MeanAndSpread: no values.");
        double mean = values.Average();
        double ss = values.Sum(v => (v - mean) * (v - mean));
        return new MeanAndSpread(mean, values.Count > 1 ? Math.Sqrt(ss / (values.Count - 1)) : 0);
    }
}
