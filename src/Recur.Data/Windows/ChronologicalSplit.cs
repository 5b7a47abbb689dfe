namespace Recur.Data.Windows;

/// <summary>
/// Splits windows in time order — train | validation | test — never shuffling across the boundary, so the model is
/// tested only on windows after everything it trained on.
/// </summary>
public static class ChronologicalSplit
{
    /// <summary>
    /// Part sizes with the course's truncation: <c>train = (int)(count · trainFraction)</c>,
    /// <c>validation = (int)(count · validationFraction)</c> taken from what follows the training windows, and the
    /// rest is the test part. For 725 windows and 0.7: 507 train, 0 validation, 218 test.
    /// </summary>
    public static (int Train, int Validation, int Test) Sizes(int count, double trainFraction, double validationFraction = 0)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count, "ChronologicalSplit: count must be at least 1.");
        if (!(trainFraction > 0 && trainFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "ChronologicalSplit: trainFraction must be in (0, 1].");
        if (!(validationFraction >= 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "ChronologicalSplit: validationFraction must be in [0, 1).");
        if (trainFraction + validationFraction > 1)
            throw new ArgumentException(
                $"ChronologicalSplit: trainFraction {trainFraction} plus validationFraction {validationFraction} exceeds 1.", nameof(validationFraction));

        int train = (int)(count * trainFraction);
        int validation = (int)(count * validationFraction);
        int test = count - train - validation;
        if (train < 1)
            throw new ArgumentException($"ChronologicalSplit: {trainFraction} of {count} windows leaves no training window.", nameof(trainFraction));
        if (validationFraction > 0 && validation < 1)
            throw new ArgumentException($"ChronologicalSplit: {validationFraction} of {count} windows leaves no validation window.", nameof(validationFraction));
        if (trainFraction + validationFraction < 1 && test < 1)
            throw new ArgumentException($"ChronologicalSplit: {count} windows leave no test window after {train} train and {validation} validation.", nameof(count));
        return (train, validation, test);
    }

    /// <summary>The windows of <paramref name="set"/> cut at <see cref="Sizes"/>, in time order.</summary>
    public static (WindowSet Train, WindowSet Validation, WindowSet Test) Split(WindowSet set, double trainFraction, double validationFraction = 0)
    {
        ArgumentNullException.ThrowIfNull(set);
        var (train, validation, test) = Sizes(set.Count, trainFraction, validationFraction);
        return (set.Slice(0, train), set.Slice(train, validation), set.Slice(train + validation, test));
    }
}
