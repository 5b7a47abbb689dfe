namespace Recur.Tasks.Forecasting;

/// <summary>The outcome of an AIC search: the model with the smallest AIC and every candidate's score.</summary>
public sealed record ArimaSelection(ArimaModel Best, IReadOnlyList<ArimaCandidate> Candidates);
