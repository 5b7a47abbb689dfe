namespace Recur.Tasks.TextClassification;

/// <summary>
/// A running sum with Neumaier's compensation: the low-order bits each addition loses are kept and added back, so a
/// sum of n terms is accurate to a few units in the last place instead of drifting by ~√n of them. The logistic
/// objective sums one log-loss per document; L-BFGS's line search compares those sums, and near the optimum their
/// differences are smaller than an uncompensated sum's rounding noise over 40,000 documents.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    /// <summary>Adds <paramref name="value"/>.</summary>
    public void Add(double value)
    {
        double t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }

    /// <summary>The sum so far.</summary>
    public readonly double Value => _sum + _compensation;
}
