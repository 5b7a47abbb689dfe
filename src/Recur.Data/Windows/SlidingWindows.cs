namespace Recur.Data.Windows;

/// <summary>
/// Cuts a series of rows (oldest first) into overlapping windows of <see cref="SequenceLength"/> rows, one window
/// starting at every row, each with <see cref="Horizon"/> target values placed as <see cref="Alignment"/> says.
/// Window <c>i</c> reads rows <c>i … i+T−1</c>; its targets start at row <c>i + TargetOffset</c>.
/// </summary>
public sealed class SlidingWindows
{
    /// <summary>Windows of <paramref name="sequenceLength"/> rows with <paramref name="horizon"/> targets each.</summary>
    public SlidingWindows(int sequenceLength, int horizon = 1, TargetAlignment alignment = TargetAlignment.NextStep)
    {
        if (sequenceLength < 1)
            throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, "SlidingWindows: sequenceLength must be at least 1.");
        if (horizon < 1)
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "SlidingWindows: horizon must be at least 1.");
        if (!Enum.IsDefined(alignment))
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "SlidingWindows: unknown alignment.");
        SequenceLength = sequenceLength;
        Horizon = horizon;
        Alignment = alignment;
    }

    /// <summary>Rows per window, T.</summary>
    public int SequenceLength { get; }

    /// <summary>Target values per window, h.</summary>
    public int Horizon { get; }

    /// <summary>Where the targets sit relative to the window.</summary>
    public TargetAlignment Alignment { get; }

    /// <summary>Rows from a window's first row to its first target: T for NextStep, T − 1 for LastStep.</summary>
    public int TargetOffset => Alignment == TargetAlignment.NextStep ? SequenceLength : SequenceLength - 1;

    /// <summary>Rows one window and its targets span: <c>TargetOffset + Horizon</c> (never fewer than T).</summary>
    public int RowsPerWindow => TargetOffset + Horizon;

    /// <summary>How many windows a series of <paramref name="rowCount"/> rows gives: <c>rowCount − RowsPerWindow + 1</c>, or 0.</summary>
    public int WindowCount(int rowCount) => Math.Max(0, rowCount - RowsPerWindow + 1);

    /// <summary>
    /// Row index of the last row that windows <c>0 … windowCount−1</c> touch (inputs or targets), known before any
    /// data is cut: fit a scaler on rows <c>0 … LastRowUsed(trainWindows)</c>, then scale and cut the whole series.
    /// </summary>
    public int LastRowUsed(int windowCount)
    {
        if (windowCount < 1)
            throw new ArgumentOutOfRangeException(nameof(windowCount), windowCount, "SlidingWindows.LastRowUsed: windowCount must be at least 1.");
        return windowCount - 1 + RowsPerWindow - 1;
    }

    /// <summary>
    /// Windows over <paramref name="features"/> <c>[N, F]</c> with targets from <paramref name="target"/> <c>[N]</c>
    /// (row-aligned with the features). Throws when there are fewer rows than one window plus its horizon, or when
    /// a row that a window uses holds NaN or infinity.
    /// </summary>
    public WindowSet Create(double[,] features, ReadOnlySpan<double> target)
    {
        ArgumentNullException.ThrowIfNull(features);
        int rows = features.GetLength(0), columns = features.GetLength(1);
        if (target.Length != rows)
            throw new ArgumentException(
                $"SlidingWindows: target has {target.Length} values but features [{rows}, {columns}] has {rows} rows; they must be row-aligned.",
                nameof(target));
        int count = RequireWindows(features);

        int inputRows = count - 1 + SequenceLength;
        RequireFinite(features, inputRows);
        for (int r = TargetOffset; r < TargetOffset + count - 1 + Horizon; r++)
            if (!double.IsFinite(target[r]))
                throw new ArgumentException($"SlidingWindows: target[{r}] is {target[r]}; windowed values must be finite.", nameof(target));

        return Targets(target, count, columns, CutInputs(features, count));
    }

    // The windows' rows and targets around their inputs (checked finite by the caller for Create, here for Index).
    private WindowSet Targets(ReadOnlySpan<double> target, int count, int columns, float[] inputs)
    {
        var targets = new float[count * Horizon];
        var firstRow = new int[count];
        var targetRow = new int[count];
        for (int i = 0; i < count; i++)
        {
            firstRow[i] = i;
            targetRow[i] = i + TargetOffset;
            for (int k = 0; k < Horizon; k++)
            {
                double value = target[targetRow[i] + k];
                if (!double.IsFinite(value))
                    throw new ArgumentException($"SlidingWindows: target[{targetRow[i] + k}] is {value}; windowed values must be finite.", nameof(target));
                targets[i * Horizon + k] = (float)value;
            }
        }
        return new WindowSet(SequenceLength, columns, Horizon, Alignment, inputs, targets, firstRow, targetRow);
    }

    /// <summary>
    /// The windows of a series of <paramref name="target"/>'s length — their rows and targets, as
    /// <see cref="Create(double[,], ReadOnlySpan{double})"/> makes them — without cutting their inputs:
    /// <see cref="WindowSet.Inputs"/> is empty, for a caller that makes each batch's windows with <see cref="Samples"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Too few rows for one window, or a non-finite target in a window.</exception>
    public WindowSet Index(ReadOnlySpan<double> target)
    {
        int count = WindowCount(target.Length);
        if (count < 1)
            throw new ArgumentException(
                $"SlidingWindows.Index: {target.Length} rows are too few for one window of {SequenceLength} rows with a horizon of {Horizon} " +
                $"({Alignment}); at least {RowsPerWindow} rows are needed.", nameof(target));
        return Targets(target, count, 0, []);
    }

    /// <summary>
    /// The input windows of <paramref name="series"/> (row-major <c>[rows, columns]</c>, float32), made per batch: window
    /// <c>i</c> is rows <c>i … i + T − 1</c>, as <see cref="Create(double[,], ReadOnlySpan{double})"/> cuts it. The series
    /// is referenced, not copied.
    /// </summary>
    /// <exception cref="ArgumentException">The series is not whole rows, has too few rows, or a non-finite value in a window.</exception>
    public WindowSamples Samples(float[] series, int columns)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (columns < 1 || series.Length % columns != 0)
            throw new ArgumentException($"SlidingWindows.Samples: {series.Length} values are not whole rows of {columns} columns.", nameof(series));
        int rows = series.Length / columns, count = WindowCount(rows);
        if (count < 1)
            throw new ArgumentException(
                $"SlidingWindows.Samples: {rows} rows are too few for one window of {SequenceLength} rows with a horizon of {Horizon} " +
                $"({Alignment}); at least {RowsPerWindow} rows are needed.", nameof(series));
        int inputValues = (count - 1 + SequenceLength) * columns;
        for (int i = 0; i < inputValues; i++)
            if (!float.IsFinite(series[i]))
                throw new ArgumentException(
                    $"SlidingWindows: series[{i / columns}, {i % columns}] (row, column, 0-based) is {series[i]}; windowed values must be finite.", nameof(series));
        return new WindowSamples(series, columns, SequenceLength, 0, count);
    }

    /// <summary>
    /// Windows whose target is column <paramref name="targetColumn"/> of <paramref name="features"/> itself
    /// (the course's usual setup: predict the close from windows that include the close).
    /// </summary>
    public WindowSet Create(double[,] features, int targetColumn)
    {
        ArgumentNullException.ThrowIfNull(features);
        int rows = features.GetLength(0), columns = features.GetLength(1);
        if (targetColumn < 0 || targetColumn >= columns)
            throw new ArgumentOutOfRangeException(nameof(targetColumn), targetColumn,
                $"SlidingWindows: target column {targetColumn} is outside features [{rows}, {columns}].");
        var target = new double[rows];
        for (int r = 0; r < rows; r++) target[r] = features[r, targetColumn];
        return Create(features, target);
    }

    /// <summary>
    /// Every window of <see cref="SequenceLength"/> rows with no targets (the course's worked example),
    /// row-major <c>[count, T, F]</c> with <c>count = N − T + 1</c>. Horizon and alignment play no part.
    /// </summary>
    public float[] WindowsOnly(double[,] features, out int count)
    {
        ArgumentNullException.ThrowIfNull(features);
        int rows = features.GetLength(0), columns = features.GetLength(1);
        if (rows < SequenceLength)
            throw new ArgumentException(
                $"SlidingWindows: features [{rows}, {columns}] has {rows} rows, fewer than one window of {SequenceLength}.", nameof(features));
        count = rows - SequenceLength + 1;
        RequireFinite(features, rows);
        return CutInputs(features, count);
    }

    private int RequireWindows(double[,] features)
    {
        int rows = features.GetLength(0), columns = features.GetLength(1);
        if (columns == 0)
            throw new ArgumentException($"SlidingWindows.Create: features [{rows}, 0] has no columns.", nameof(features));
        int count = WindowCount(rows);
        if (count < 1)
            throw new ArgumentException(
                $"SlidingWindows.Create: {rows} rows are too few for one window of {SequenceLength} rows with a horizon of {Horizon} " +
                $"({Alignment}); at least {RowsPerWindow} rows are needed.", nameof(features));
        return count;
    }

    // inputs[i, t, f] = features[i + t, f]
    private float[] CutInputs(double[,] features, int count)
    {
        int columns = features.GetLength(1);
        var inputs = new float[count * SequenceLength * columns];
        int at = 0;
        for (int i = 0; i < count; i++)
            for (int t = 0; t < SequenceLength; t++)
                for (int f = 0; f < columns; f++)
                    inputs[at++] = (float)features[i + t, f];
        return inputs;
    }

    private static void RequireFinite(double[,] features, int rowCount)
    {
        int columns = features.GetLength(1);
        for (int r = 0; r < rowCount; r++)
            for (int c = 0; c < columns; c++)
                if (!double.IsFinite(features[r, c]))
                    throw new ArgumentException(
                        $"SlidingWindows: features[{r}, {c}] (row {r}, column {c}, 0-based) is {features[r, c]}; windowed values must be finite " +
                        "(drop the leading rows of indicators such as moving averages first).", nameof(features));
    }
}
