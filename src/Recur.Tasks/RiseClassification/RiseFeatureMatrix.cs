namespace Recur.Tasks.RiseClassification;

/// <summary>The features of every day of a series: one column per feature, rows aligned with the series' rows.</summary>
/// <param name="Names">The features, in column order.</param>
/// <param name="Values">[rows, features]; rows before <see cref="FirstRow"/> are undefined (NaN where an average has not started).</param>
/// <param name="FirstRow">The first row where every feature is defined (after the longest moving average's warm-up).</param>
/// <param name="WarmUp">Why <see cref="FirstRow"/> is where it is, e.g. "the 120-day moving average".</param>
public sealed record RiseFeatureMatrix(IReadOnlyList<string> Names, double[,] Values, int FirstRow, string WarmUp);
