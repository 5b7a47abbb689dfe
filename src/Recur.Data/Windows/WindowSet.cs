namespace Recur.Data.Windows;

/// <summary>
/// Windows cut from one series by <see cref="SlidingWindows"/>: <see cref="Inputs"/> row-major
/// <c>[Count, SequenceLength, FeatureCount]</c> (batch-first), <see cref="Targets"/> <c>[Count, Horizon]</c>,
/// and for each window the series rows it came from, so results can be put back on a date axis.
/// </summary>
public sealed class WindowSet
{
    internal WindowSet(int sequenceLength, int featureCount, int horizon, TargetAlignment alignment,
        float[] inputs, float[] targets, int[] firstRow, int[] targetRow)
    {
        SequenceLength = sequenceLength;
        FeatureCount = featureCount;
        Horizon = horizon;
        Alignment = alignment;
        Inputs = inputs;
        Targets = targets;
        FirstRow = firstRow;
        TargetRow = targetRow;
    }

    /// <summary>Number of windows.</summary>
    public int Count => FirstRow.Length;

    /// <summary>Rows per window, T.</summary>
    public int SequenceLength { get; }

    /// <summary>Features per row, F.</summary>
    public int FeatureCount { get; }

    /// <summary>Target values per window, h.</summary>
    public int Horizon { get; }

    /// <summary>Where each window's target sits relative to its input rows.</summary>
    public TargetAlignment Alignment { get; }

    /// <summary>Input values, row-major <c>[Count, SequenceLength, FeatureCount]</c>.</summary>
    public float[] Inputs { get; }

    /// <summary>Target values, row-major <c>[Count, Horizon]</c>.</summary>
    public float[] Targets { get; }

    /// <summary>Series row index of each window's first input row.</summary>
    public int[] FirstRow { get; }

    /// <summary>Series row index of each window's first target.</summary>
    public int[] TargetRow { get; }

    /// <summary>The inputs as a tensor <c>[Count, SequenceLength, FeatureCount]</c>, for a batch-first recurrent layer.</summary>
    /// <exception cref="InvalidOperationException">The set was made by <see cref="SlidingWindows.Index"/>, without inputs.</exception>
    public Tensor InputTensor() => Count > 0 && Inputs.Length == 0
        ? throw new InvalidOperationException("WindowSet.InputTensor: these windows were indexed without their inputs (SlidingWindows.Index); make them with SlidingWindows.Samples.")
        : Tensor.FromArray(Inputs, Count, SequenceLength, FeatureCount);

    /// <summary>The targets as a tensor <c>[Count, Horizon]</c>.</summary>
    public Tensor TargetTensor() => Tensor.FromArray(Targets, Count, Horizon);

    /// <summary>
    /// Series row index of the last row any of windows <c>0 … windowCount−1</c> touches (inputs or targets);
    /// fit a scaler on rows up to this one to use exactly what the training windows see.
    /// </summary>
    public int LastRowUsed(int windowCount)
    {
        if (windowCount < 1 || windowCount > Count)
            throw new ArgumentOutOfRangeException(nameof(windowCount), windowCount,
                $"WindowSet.LastRowUsed: windowCount must be in 1 … {Count}.");
        int last = windowCount - 1;
        return Math.Max(FirstRow[last] + SequenceLength - 1, TargetRow[last] + Horizon - 1);
    }

    /// <summary>A copy of windows <c>start … start+count−1</c>, in order.</summary>
    public WindowSet Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
            throw new ArgumentOutOfRangeException(nameof(start), start,
                $"WindowSet.Slice: windows {start} … {start + count - 1} (count {count}) are outside the set's {Count} windows.");
        int inputStride = SequenceLength * FeatureCount;
        return new WindowSet(SequenceLength, FeatureCount, Horizon, Alignment,
            Inputs.AsSpan(start * inputStride, count * inputStride).ToArray(),
            Targets.AsSpan(start * Horizon, count * Horizon).ToArray(),
            FirstRow.AsSpan(start, count).ToArray(),
            TargetRow.AsSpan(start, count).ToArray());
    }
}
