using Recur.Data.Prices;
using Recur.Data.Scaling;
using Recur.Data.Windows;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// A forecast run's data, ready to train on: the series, its scaled windows, the chronological split, the scalers
/// fitted on the training span, and per window the scaled value the network's output is added to.
/// </summary>
internal sealed record ForecastData(
    PriceSeries Series,
    IReadOnlyList<string> Notes,
    double[] Target,
    WindowSet Windows,
    int TrainCount,
    int TestCount,
    int LastTrainRow,
    Scaler FeatureScaler,
    Scaler TargetScaler,
    float[] Baseline)
{
    /// <summary>Reads and prepares the data <paramref name="o"/> describes.</summary>
    public static ForecastData Load(ForecastOptions o)
    {
        var series = ForecastColumns.Read(o.CsvPath, o);
        var features = ForecastColumns.Matrix(series, o.Features);
        var target = series.Column(o.Target);

        var windows = new SlidingWindows(o.Window, o.Horizon, o.TargetAt);
        int count = windows.WindowCount(series.RowCount);
        if (count < 3)
            throw new ForecastSettingException(ForecastSetting.Window,
                $"{o.Window} is too long for {o.CsvPath}: its {series.RowCount} rows make {Math.Max(count, 0)} windows of {o.Window} with horizon {o.Horizon}, and at least 3 are needed.");
        var (trainCount, _, testCount) = ChronologicalSplit.Sizes(count, o.TrainFraction);
        if (trainCount < 2 || testCount < 1)
            throw new ForecastSettingException(ForecastSetting.TrainFraction,
                $"{o.TrainFraction:0.##} leaves {trainCount} training and {testCount} test windows of the {count} in {o.CsvPath}; at least 2 and 1 are needed.");
        int lastTrainRow = windows.LastRowUsed(trainCount);

        // Scalers see the training span only: the test span's range must not leak into the inputs.
        var featureScaler = new MinMaxScaler();
        featureScaler.Fit(features, 0, lastTrainRow + 1);
        var targetMatrix = ForecastColumns.AsMatrix(target);
        var targetScaler = new MinMaxScaler();
        targetScaler.Fit(targetMatrix, 0, lastTrainRow + 1);
        var scaledTarget = ForecastColumns.FirstColumn(targetScaler.Transform(targetMatrix));
        var set = windows.Create(featureScaler.Transform(features), scaledTarget);

        return new ForecastData(series, DataNotes(series, o), target, set, trainCount, testCount, lastTrainRow,
            featureScaler, targetScaler, ScaledBase(set, scaledTarget, o.Learn));
    }

    /// <summary>
    /// Per window, the scaled value the network's output is added to: the last known target before the window's first
    /// target row when learning changes, zero when learning levels.
    /// </summary>
    private static float[] ScaledBase(WindowSet set, double[] scaledTarget, ForecastLearning learn)
    {
        var baseline = new float[set.Count];
        if (learn == ForecastLearning.Change)
            for (int w = 0; w < set.Count; w++)
                baseline[w] = (float)scaledTarget[set.TargetRow[w] - 1];
        return baseline;
    }

    private static List<string> DataNotes(PriceSeries series, ForecastOptions o)
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
