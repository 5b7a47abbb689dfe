namespace Recur.Tasks.Forecasting;

/// <summary>One order tried by <see cref="ArimaModel.Select"/> and its AIC.</summary>
public sealed record ArimaCandidate(int P, int Q, double Aic);
