namespace Recur.Data.Windows;

/// <summary>
/// One walk-forward fold over windows in time order: train on <c>TrainStart … TrainStart+TrainCount−1</c>,
/// test on the <c>TestCount</c> windows from <c>TestStart</c>, which come right after.
/// </summary>
public readonly record struct WalkForwardFold(int TrainStart, int TrainCount, int TestStart, int TestCount);
