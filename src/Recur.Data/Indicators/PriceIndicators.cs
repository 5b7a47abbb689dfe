namespace Recur.Data.Indicators;

/// <summary>
/// Technical indicators over a price (or volume) series, oldest value first, with pandas' semantics so numbers
/// match the course notebooks: every result has one entry per input value and is NaN where pandas gives NaN.
/// </summary>
public static class PriceIndicators
{
    /// <summary>The moving-average windows the course adds as features: 5, 20, 60 and 120 days.</summary>
    public static IReadOnlyList<int> StandardWindows { get; } = [5, 20, 60, 120];

    /// <summary>
    /// Simple moving average, pandas <c>rolling(window).mean()</c>:
    /// <c>sma[t] = (v[t−window+1] + … + v[t]) / window</c>, NaN for the first <c>window − 1</c> entries
    /// (and for any window that holds a NaN).
    /// </summary>
    public static double[] SimpleMovingAverage(ReadOnlySpan<double> values, int window)
    {
        if (window < 1)
            throw new ArgumentOutOfRangeException(nameof(window), window, "SimpleMovingAverage: window must be at least 1.");
        var sma = new double[values.Length];
        for (int t = 0; t < values.Length; t++)
        {
            if (t < window - 1) { sma[t] = double.NaN; continue; }
            // Summing each window afresh (rather than a running sum) keeps every entry exact to one rounding
            // per addition, with no drift over long series; windows are short, so the cost is small.
            double sum = 0;
            for (int k = t - window + 1; k <= t; k++) sum += values[k];
            sma[t] = sum / window;
        }
        return sma;
    }

    /// <summary>
    /// Simple moving averages for several windows at once, in the order given; with no windows,
    /// the <see cref="StandardWindows"/> 5, 20, 60 and 120.
    /// </summary>
    public static double[][] MovingAverages(ReadOnlySpan<double> values, params int[] windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var chosen = windows.Length == 0 ? StandardWindows.ToArray() : windows;
        var averages = new double[chosen.Length][];
        for (int i = 0; i < chosen.Length; i++)
            averages[i] = SimpleMovingAverage(values, chosen[i]);
        return averages;
    }

    /// <summary>
    /// Exponential moving average, pandas <c>ewm(span=span, adjust=False).mean()</c>:
    /// <c>α = 2 / (span + 1)</c>, <c>ema[0] = v[0]</c>, <c>ema[t] = (1 − α)·ema[t−1] + α·v[t]</c>.
    /// Leading NaNs (such as the first daily return) stay NaN and the average starts at the first number,
    /// as pandas does; a NaN after that is an error.
    /// </summary>
    public static double[] ExponentialMovingAverage(ReadOnlySpan<double> values, int span)
    {
        if (span < 1)
            throw new ArgumentOutOfRangeException(nameof(span), span, "ExponentialMovingAverage: span must be at least 1.");
        double alpha = 2.0 / (span + 1);
        var ema = new double[values.Length];
        int first = 0;
        while (first < values.Length && double.IsNaN(values[first])) ema[first++] = double.NaN;
        if (first == values.Length) return ema;

        ema[first] = values[first];
        for (int t = first + 1; t < values.Length; t++)
        {
            if (double.IsNaN(values[t]))
                throw new ArgumentException(
                    $"ExponentialMovingAverage: values[{t}] is NaN after the series has started (at index {first}); " +
                    "only leading NaNs are allowed.", nameof(values));
            ema[t] = (1 - alpha) * ema[t - 1] + alpha * values[t];
        }
        return ema;
    }

    /// <summary>
    /// Moving average convergence/divergence: <c>macd = EMA(v, fast) − EMA(v, slow)</c>,
    /// <c>signal = EMA(macd, signal)</c>, <c>histogram = macd − signal</c>, with the EMAs of
    /// <see cref="ExponentialMovingAverage"/> (pandas <c>adjust=False</c>).
    /// </summary>
    public static MacdResult Macd(ReadOnlySpan<double> values, int fast = 12, int slow = 26, int signal = 9)
    {
        if (fast < 1)
            throw new ArgumentOutOfRangeException(nameof(fast), fast, "Macd: the fast span must be at least 1.");
        if (slow <= fast)
            throw new ArgumentOutOfRangeException(nameof(slow), slow, $"Macd: the slow span must be longer than the fast span ({fast}).");
        if (signal < 1)
            throw new ArgumentOutOfRangeException(nameof(signal), signal, "Macd: the signal span must be at least 1.");

        double[] fastEma = ExponentialMovingAverage(values, fast);
        double[] slowEma = ExponentialMovingAverage(values, slow);
        var macd = new double[values.Length];
        for (int t = 0; t < macd.Length; t++) macd[t] = fastEma[t] - slowEma[t];

        double[] signalLine = ExponentialMovingAverage(macd, signal);
        var histogram = new double[values.Length];
        for (int t = 0; t < histogram.Length; t++) histogram[t] = macd[t] - signalLine[t];
        return new MacdResult(macd, signalLine, histogram);
    }

    /// <summary>
    /// Daily returns, pandas <c>pct_change()</c>: NaN first, then <c>r[t] = (v[t] − v[t−1]) / v[t−1]</c>.
    /// A zero value followed by another value is an error (the return from zero is undefined).
    /// </summary>
    public static double[] DailyReturns(ReadOnlySpan<double> values)
    {
        var returns = new double[values.Length];
        if (values.Length == 0) return returns;
        returns[0] = double.NaN;
        for (int t = 1; t < values.Length; t++)
        {
            if (values[t - 1] == 0)
                throw new ArgumentException(
                    $"DailyReturns: values[{t - 1}] is 0, so the return to values[{t}] is undefined.", nameof(values));
            returns[t] = (values[t] - values[t - 1]) / values[t - 1];
        }
        return returns;
    }

    /// <summary>
    /// Labels for the up/down exercise, one per day that has a next day (length <c>n − 1</c>):
    /// <c>label[t] = 1</c> when <c>close[t+1] ≥ close[t]·(1 + percent/100)</c>, else 0.
    /// </summary>
    public static int[] RisesAtLeast(ReadOnlySpan<double> close, double percent) => RisesWithin(close, percent, 1);

    /// <summary>
    /// Labels for "the close rises by at least <paramref name="percent"/> % within the next <paramref name="days"/> days",
    /// one per day that has that many days after it (length <c>n − days</c>):
    /// <c>label[t] = 1</c> when <c>max(close[t+1 … t+days]) ≥ close[t]·(1 + percent/100)</c>, else 0.
    /// With one day it is <see cref="RisesAtLeast"/>, the course's "tomorrow's close is ≥ X % above today's".
    /// </summary>
    public static int[] RisesWithin(ReadOnlySpan<double> close, double percent, int days)
    {
        if (days < 1)
            throw new ArgumentOutOfRangeException(nameof(days), days, "RisesWithin: days must be at least 1.");
        if (close.Length == 0)
            throw new ArgumentException("RisesWithin: close is empty; at least one value is needed.", nameof(close));
        if (!double.IsFinite(percent))
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "RisesWithin: percent must be a finite number.");

        for (int t = 0; t < close.Length; t++)
            if (!double.IsFinite(close[t]))
                throw new ArgumentException($"RisesWithin: close[{t}] is {close[t]}; prices must be finite.", nameof(close));
        double factor = 1 + percent / 100;
        var labels = new int[Math.Max(0, close.Length - days)];
        for (int t = 0; t < labels.Length; t++)
        {
            double highest = double.NegativeInfinity;
            for (int k = 1; k <= days; k++) highest = Math.Max(highest, close[t + k]);
            labels[t] = highest >= close[t] * factor ? 1 : 0;
        }
        return labels;
    }
}
