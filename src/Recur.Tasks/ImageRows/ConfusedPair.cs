namespace Recur.Tasks.ImageRows;

/// <summary>A pair of classes the classifier mixes up: how many test images of one were taken for the other.</summary>
/// <param name="Actual">The images' true class.</param>
/// <param name="Predicted">The class they were taken for.</param>
/// <param name="Count">How many test images.</param>
/// <param name="ShareOfActual">That count over the test images of <paramref name="Actual"/>.</param>
public sealed record ConfusedPair(int Actual, int Predicted, long Count, double ShareOfActual);
