namespace Recur.Training;

/// <summary>What <see cref="Trainer.EvaluateWithMetrics"/> measured on a dataset.</summary>
/// <param name="Loss">The mean loss over the samples.</param>
/// <param name="Metrics">Each of the trainer's metrics over the whole dataset, by name.</param>
public sealed record Evaluation(double Loss, IReadOnlyDictionary<string, double> Metrics);
