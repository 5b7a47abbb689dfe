namespace Recur.Tasks.ImageRows;

/// <summary>Where an image run stands after an optimizer step, for a progress display.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="Steps">Steps per epoch.</param>
/// <param name="Loss">Mean training loss over the epoch's steps so far.</param>
/// <param name="Accuracy">Training accuracy over the epoch's batches so far (measured as they were trained).</param>
/// <param name="ImagesPerSecond">Training images per second in this epoch so far.</param>
public readonly record struct ImageTrainingProgress(int Epoch, int Epochs, int Step, int Steps, double Loss, double Accuracy, double ImagesPerSecond);
