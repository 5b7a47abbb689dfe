namespace Recur.Tasks.Forecasting;

/// <summary>One order tried by <see cref="ArimaModel.Select(ReadOnlySpan{double}, int, int, int, int, bool)"/> and its AIC.</summary>
public sealed record ArimaCandidate(int P, int Q, double Aic);
