using Recur.Data.Prices;
using Recur.Data.Scaling;
using Recur.Data.Windows;
using Recur.Training;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// A forecast run's data, ready to train on: the series, how it is cut into windows (<see cref="Windows"/>: each window's
/// first target row is <see cref="TargetRow"/>), the training and test windows (the single chronological split, or one
/// walk-forward fold), the scalers fitted on the training windows' rows, and per window the scaled value the network's
/// output is added to (<see cref="Baseline"/>). Nothing here is an array per window: the windows' rows, scaled targets and
/// baselines are computed from the series when asked for, and the network's samples (<see cref="Samples"/>) are made on
/// request and not held here, being needed until the network's predictions only.
/// </summary>
internal sealed record ForecastData(
    PriceSeries Series,
    IReadOnlyList<string> Notes,
    ReadOnlyMemory<double> Target,
    SlidingWindows Windows,
    int TrainStart,
    int TrainCount,
    int TestStart,
    int TestCount,
    int FirstTrainRow,
    int LastTrainRow,
    Scaler FeatureScaler,
    Scaler TargetScaler,
    ForecastLearning Learn)
{
    /// <summary>
    /// Reads the data <paramref name="o"/> describes and splits it in time (the course's training fraction first).
    /// <paramref name="beforeWindows"/>, when given, is called with the series and its first and last training rows before
    /// the windows and scaled inputs are made: work that needs only the series (the baselines) then runs while less is held.
    /// </summary>
    public static ForecastData Load(ForecastOptions o, Action<PriceSeries, int, int>? beforeWindows = null)
    {
        var series = ForecastColumns.Read(o.CsvPath, o);
        int count = WindowCount(series, o);
        var (trainCount, _, testCount) = ChronologicalSplit.Sizes(count, o.TrainFraction);
        if (trainCount < 2 || testCount < 1)
            throw new ForecastSettingException(ForecastSetting.TrainFraction,
                $"{o.TrainFraction:0.##} leaves {trainCount} training and {testCount} test windows of the {count} in {o.CsvPath}; at least 2 and 1 are needed.");
        beforeWindows?.Invoke(series, 0, new SlidingWindows(o.Window, o.Horizon, o.TargetAt).LastRowUsed(trainCount));
        return ForWindows(series, DataNotes(series, o), o, 0, trainCount, trainCount, testCount);
    }

    /// <summary>The windows a series gives with <paramref name="o"/>'s window and horizon; fewer than 3 is an error.</summary>
    public static int WindowCount(PriceSeries series, ForecastOptions o)
    {
        int count = new SlidingWindows(o.Window, o.Horizon, o.TargetAt).WindowCount(series.RowCount);
        if (count < 3)
            throw new ForecastSettingException(ForecastSetting.Window,
                $"{o.Window} is too long for {o.CsvPath}: its {series.RowCount} rows make {Math.Max(count, 0)} windows of {o.Window} with horizon {o.Horizon}, and at least 3 are needed.");
        return count;
    }

    /// <summary>
    /// The data of one split: training windows <paramref name="trainStart"/> … + <paramref name="trainCount"/> − 1 and
    /// test windows from <paramref name="testStart"/>, with the scalers fitted on the rows the training windows touch
    /// (never the test span's).
    /// </summary>
    public static ForecastData ForWindows(PriceSeries series, IReadOnlyList<string> notes, ForecastOptions o, int trainStart, int trainCount, int testStart, int testCount)
    {
        var target = series.ColumnMemory(o.Target).Span;
        var windows = new SlidingWindows(o.Window, o.Horizon, o.TargetAt);
        int firstTrainRow = trainStart;
        int lastTrainRow = windows.LastRowUsed(trainStart + trainCount);
        int fitRows = lastTrainRow - firstTrainRow + 1;

        // Scalers see the training windows' rows only: the test span's range must not leak into the inputs. A min-max
        // scaler's statistics are each column's extremes, so it is fitted on the two rows of those (the same minimum and
        // maximum, bit for bit), and the scaled values are made value by value from the series: no copy of the rows.
        var featureScaler = new MinMaxScaler();
        featureScaler.Fit(ForecastColumns.Extremes(series, o.Features, firstTrainRow, fitRows));
        var targetScaler = new MinMaxScaler();
        targetScaler.Fit(ForecastColumns.Extremes(series, [o.Target], firstTrainRow, fitRows));
        // Every window's targets must scale to finite values; checked value by value, as the network's targets are made.
        int lastTargetRow = windows.TargetOffset + windows.WindowCount(series.RowCount) - 1 + windows.Horizon - 1;
        for (int r = windows.TargetOffset; r <= lastTargetRow; r++)
            if (targetScaler.Transform(target[r], 0) is var scaled && !double.IsFinite(scaled))
                throw new ArgumentException(
                    $"{o.CsvPath}: the {o.Target} value of row {r + 1}, {target[r]}, scales to {scaled} with the training span's range; windowed values must scale to finite ones.");

        return new ForecastData(series, notes, series.ColumnMemory(o.Target), windows, trainStart, trainCount, testStart, testCount,
            firstTrainRow, lastTrainRow, featureScaler, targetScaler, o.Learn);
    }

    /// <summary>
    /// The network's samples: every window's inputs, scaled and made per batch from the scaled series (float32 rows, held
    /// once), with <see cref="LearnedTargets"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A non-finite scaled input in a window.</exception>
    public TensorDataset Samples(ForecastOptions o) =>
        new(new SlidingWindows(o.Window, o.Horizon, o.TargetAt).Samples(ScaledSeries(FeatureScaler, Series, o.Features), o.Features.Count), LearnedTargets());

    // The scaled features as float32 rows, value by value (the scaler's own arithmetic, then the cast the windows had), so
    // no scaled double matrix is made beside the raw one.
    private static float[] ScaledSeries(Scaler scaler, PriceSeries series, IReadOnlyList<string> names)
    {
        int rows = series.RowCount, columns = names.Count;
        var scaled = new float[rows * columns];
        for (int c = 0; c < columns; c++)
        {
            var column = series.ColumnMemory(names[c]).Span;
            for (int r = 0; r < rows; r++) scaled[r * columns + c] = (float)scaler.Transform(column[r], c);
        }
        return scaled;
    }

    /// <summary>
    /// The network's target per window: the scaled target (as float32, as the windows cut it) minus <see cref="Baseline"/>
    /// (all windows, [count, horizon]), made value by value from the series.
    /// </summary>
    public Tensor LearnedTargets()
    {
        var target = Target.Span;
        int count = Windows.WindowCount(Series.RowCount), horizon = Windows.Horizon;
        var learned = new float[count * horizon];
        for (int w = 0; w < count; w++)
        {
            float baseline = Baseline(w);
            for (int j = 0; j < horizon; j++)
                learned[w * horizon + j] = (float)TargetScaler.Transform(target[TargetRow(w) + j], 0) - baseline;
        }
        return Tensor.FromArray(learned, count, horizon);
    }

    /// <summary>The row of window <paramref name="w"/>'s first target.</summary>
    public int TargetRow(int w) => w + Windows.TargetOffset;

    /// <summary>
    /// The scaled value window <paramref name="w"/>'s network output is added to: the last known target before its first
    /// target row (scaled, as float32) when learning changes, zero when learning levels.
    /// </summary>
    public float Baseline(int w) => Learn == ForecastLearning.Change ? (float)TargetScaler.Transform(Target.Span[TargetRow(w) - 1], 0) : 0;

    /// <summary>The network's forecast for window <paramref name="w"/> in price units, from its raw (scaled, learned) output.</summary>
    public double Unscale(int w, float output) => TargetScaler.InverseTransform(Baseline(w) + output, 0);

    /// <summary>The reader's notes about the file, as sentences for the report.</summary>
    public static List<string> DataNotes(PriceSeries series, ForecastOptions o)
    {
        // The reader's warnings are clauses ("the file has no header row; …"); the report lists them as sentences.
        var notes = series.Warnings.Select(w => w.Length > 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w).ToList();
        if (!series.Missing.IsEmpty)
            notes.Add(series.Missing.ToString());
        if (series.Dates is null)
            notes.Add(series.Ordering == RowOrdering.FileOrderReversed
                ? "The file has no date column; its rows were read as newest first and reversed to oldest first."
                : "The file has no date column; its rows were read as oldest first, in file order.");
        else if (o.DatelessOrder != DatelessRowOrder.Unspecified)
            notes.Add("The file has dates, so its rows were sorted by date; the row order stated for files without dates does not apply.");
        return notes;
    }
}
