namespace Recur.Data.Windows;

/// <summary>
/// Walk-forward evaluation, like scikit-learn's <c>TimeSeriesSplit</c>: the last <c>folds · testSize</c> windows form
/// consecutive, non-overlapping test blocks, and each fold trains on the windows before its block — all of them
/// (expanding) or the latest ones, as many as the first fold has (sliding).
/// </summary>
public static class WalkForward
{
    /// <summary>
    /// Folds over <paramref name="count"/> windows. The test blocks end at the last window, so with the expanding
    /// <paramref name="scheme"/> fold k trains on windows <c>0 … count − (folds − k)·testSize − 1</c>, and with the sliding
    /// one on the same number of windows as fold 0, ending at the same place; the first fold's training part must hold at
    /// least <paramref name="minTrain"/> windows.
    /// </summary>
    public static IReadOnlyList<WalkForwardFold> Folds(int count, int folds, int minTrain, int testSize,
        WalkForwardScheme scheme = WalkForwardScheme.Expanding)
    {
        if (!Enum.IsDefined(scheme))
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "WalkForward: unknown scheme.");
        if (folds < 1)
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "WalkForward: folds must be at least 1.");
        if (minTrain < 1)
            throw new ArgumentOutOfRangeException(nameof(minTrain), minTrain, "WalkForward: minTrain must be at least 1.");
        if (testSize < 1)
            throw new ArgumentOutOfRangeException(nameof(testSize), testSize, "WalkForward: testSize must be at least 1.");
        long needed = minTrain + (long)folds * testSize;
        if (count < needed)
            throw new ArgumentException(
                $"WalkForward: {folds} test blocks of {testSize} after at least {minTrain} training windows need {needed} windows, " +
                $"but there are {count}.", nameof(count));

        int firstTrain = count - folds * testSize;
        var result = new WalkForwardFold[folds];
        for (int k = 0; k < folds; k++)
        {
            int trainEnd = firstTrain + k * testSize;
            int trainStart = scheme == WalkForwardScheme.Sliding ? trainEnd - firstTrain : 0;
            result[k] = new WalkForwardFold(trainStart, trainEnd - trainStart, trainEnd, testSize);
        }
        return result;
    }
}
