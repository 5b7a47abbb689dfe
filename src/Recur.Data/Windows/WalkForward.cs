namespace Recur.Data.Windows;

/// <summary>
/// Walk-forward (expanding-window) evaluation, like scikit-learn's <c>TimeSeriesSplit</c>: the last
/// <c>folds · testSize</c> windows form consecutive, non-overlapping test blocks, and each fold trains on every
/// window before its block.
/// </summary>
public static class WalkForward
{
    /// <summary>
    /// Folds over <paramref name="count"/> windows. The test blocks end at the last window, so fold k trains on
    /// windows <c>0 … count − (folds − k)·testSize − 1</c>; the first fold's training part must hold at least
    /// <paramref name="minTrain"/> windows.
    /// </summary>
    public static IReadOnlyList<WalkForwardFold> Folds(int count, int folds, int minTrain, int testSize)
    {
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
            int trainCount = firstTrain + k * testSize;
            result[k] = new WalkForwardFold(0, trainCount, trainCount, testSize);
        }
        return result;
    }
}
