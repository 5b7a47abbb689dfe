namespace Recur.Tasks.ImageRows;

/// <summary>What one epoch of an image run measured.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Loss">Mean cross-entropy over the epoch's training images.</param>
/// <param name="Accuracy">Training accuracy, measured on each batch as it was trained.</param>
/// <param name="TestLoss">Mean cross-entropy on the test images after the epoch.</param>
/// <param name="TestAccuracy">Accuracy on the test images after the epoch (monitored only: nothing is chosen by it).</param>
/// <param name="LearningRate">The learning rate the epoch trained with.</param>
/// <param name="Seconds">Wall time of the epoch: its training steps and the evaluation on the test images.</param>
/// <param name="TrainingSeconds">
/// Wall time of the training steps alone; null for an epoch run before a resume (a checkpoint keeps only the whole).
/// </param>
public sealed record ImageEpoch(int Epoch, double Loss, double Accuracy, double TestLoss, double TestAccuracy, float LearningRate,
    double Seconds, double? TrainingSeconds);
