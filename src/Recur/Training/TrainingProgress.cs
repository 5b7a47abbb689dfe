namespace Recur.Training;

/// <summary>Progress of a training run, raised after every optimizer step.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="Steps">Steps per epoch.</param>
/// <param name="Loss">This step's loss.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Remaining">Estimated time to the end of the run.</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Step, int Steps, double Loss, TimeSpan Elapsed, TimeSpan Remaining);
