namespace Recur.Data.Indicators;

/// <summary>
/// The three MACD series, each as long as the input: <see cref="Macd"/> = EMA(fast) − EMA(slow),
/// <see cref="Signal"/> = EMA(signal) of the MACD line, <see cref="Histogram"/> = MACD − signal.
/// </summary>
public sealed record MacdResult(double[] Macd, double[] Signal, double[] Histogram);
