namespace Recur.Training;

/// <summary>Thrown when the loss becomes NaN or infinite; names the epoch and step.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
