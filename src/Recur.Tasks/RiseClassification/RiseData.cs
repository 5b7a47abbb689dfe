using Recur.Data.Indicators;
using Recur.Data.Prices;
using Recur.Data.Scaling;
using Recur.Data.Windows;
using Recur.Tasks.Recipes;

namespace Recur.Tasks.RiseClassification;

/// <summary>
/// An up/down run's data: the series and its features, one sample per decision day (the window of features ending that
/// day, and whether the close rises by the percentage within the days after it), the chronological split with the days
/// whose labels would look into the next span purged, and the features standardised with the training days' statistics.
/// </summary>
internal sealed record RiseData
{
    /// <summary>Samples the split needs at the least, so that each span holds more than a handful of days.</summary>
    public const int MinimumSamples = 50;

    /// <summary>The series as read, oldest first.</summary>
    public required PriceSeries Series { get; init; }
    /// <summary>How the file was read and which features were left out, as sentences.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
    /// <summary>The features of every row.</summary>
    public required RiseFeatureMatrix Features { get; init; }
    /// <summary>The decision day (row) of each sample, oldest first.</summary>
    public required int[] Rows { get; init; }
    /// <summary>1 when the close rises by the percentage within the horizon after the decision day.</summary>
    public required int[] Labels { get; init; }
    /// <summary>Standardised feature windows [samples, window, features].</summary>
    public required Tensor Windows { get; init; }
    /// <summary>Standardised decision-day features [samples, features], for the logistic regression.</summary>
    public required double[,] DayFeatures { get; init; }
    /// <summary>The training samples (after the purge).</summary>
    public required Span Train { get; init; }
    /// <summary>The validation samples (after the purge): early stopping and thresholds.</summary>
    public required Span Validation { get; init; }
    /// <summary>The test samples.</summary>
    public required Span Test { get; init; }
    /// <summary>Samples left out between spans: their labels reach into the next span.</summary>
    public required int Purged { get; init; }
    /// <summary>The features' scaler, fitted on the days the training windows read.</summary>
    public required StandardScaler Scaler { get; init; }
    /// <summary>Each feature's range over the training days, for predict's warning.</summary>
    public required TrainingRange Range { get; init; }

    /// <summary>A run of consecutive samples.</summary>
    public readonly record struct Span(int Start, int Count)
    {
        /// <summary>One past the last sample.</summary>
        public int End => Start + Count;
    }

    /// <summary>The labels of <paramref name="span"/>.</summary>
    public int[] LabelsOf(Span span) => Labels[span.Start..span.End];

    /// <summary>The share of rise days in <paramref name="span"/>.</summary>
    public double BaseRate(Span span) => span.Count == 0 ? double.NaN : LabelsOf(span).Average();

    /// <summary>Reads the file and prepares the samples <paramref name="o"/> describes.</summary>
    public static RiseData Load(RiseOptions o)
    {
        if (!File.Exists(o.CsvPath)) throw new FileNotFoundException($"{o.CsvPath}: no such file.");
        var series = Read(o);
        var notes = series.Warnings.Select(w => w.Length > 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w).ToList();
        if (!series.Missing.IsEmpty) notes.Add(series.Missing.ToString());
        var features = RiseFeatures.Compute(series, o.Price, o.Volume, o.Features, notes);
        var close = series.Column(o.Price);

        int firstSample = features.FirstRow + o.Window - 1, lastSample = series.RowCount - 1 - o.Within;
        int count = lastSample - firstSample + 1;
        if (count < MinimumSamples)
        {
            int needed = features.FirstRow + 1 + (o.Window - 1) + o.Within + MinimumSamples;
            throw new ArgumentException(
                $"{o.CsvPath} has {series.RowCount} rows, too few for up/down samples: {features.WarmUp} needs {features.FirstRow + 1} rows, " +
                $"a window of {o.Window} days {o.Window - 1} more, the {o.Within}-day horizon {o.Within} more and the split at least {MinimumSamples} samples — {needed} rows in all.");
        }
        var rises = PriceIndicators.RisesWithin(close, o.RisePercent, o.Within);
        var rows = Enumerable.Range(firstSample, count).ToArray();
        var labels = rows.Select(t => rises[t]).ToArray();

        // Chronological split; the last `Within` samples of the training and validation spans are purged, since their
        // labels are decided by closes inside the next span.
        var (train, validation, test) = ChronologicalSplit.Sizes(count, o.TrainFraction, o.ValidationFraction);
        var trainSpan = new Span(0, train - o.Within);
        var validationSpan = new Span(train, validation - o.Within);
        var testSpan = new Span(train + validation, test);
        if (trainSpan.Count < 20 || validationSpan.Count < 5 || testSpan.Count < 5)
            throw new RiseSettingException(RiseSetting.TrainFraction,
                $"{o.TrainFraction:0.##} (with {o.ValidationFraction:0.##} for validation) splits the {count} samples of {o.CsvPath} into {trainSpan.Count} training, " +
                $"{validationSpan.Count} validation and {testSpan.Count} test samples after purging {o.Within} at each boundary; at least 20, 5 and 5 are needed.");
        var data = Build(series, notes, features, rows, labels, trainSpan, validationSpan, testSpan, o);
        RequireRises(data, o);
        return data;
    }

    private static PriceSeries Read(RiseOptions o)
    {
        var available = PriceSeriesReader.ColumnsOf(o.CsvPath, o.Reading);
        var wanted = new List<string> { o.Price };
        bool volumeWanted = (o.Features ?? RiseFeatures.Default).Any(RiseFeatures.NeedsVolume);
        if (volumeWanted && available.Any(c => string.Equals(c, PriceColumnNames.Canonical(o.Volume), StringComparison.OrdinalIgnoreCase)))
            wanted.Add(o.Volume);
        return PriceSeriesReader.Read(o.CsvPath, o.Reading with { Columns = wanted });
    }

    private static RiseData Build(PriceSeries series, List<string> notes, RiseFeatureMatrix features, int[] rows, int[] labels,
        Span train, Span validation, Span test, RiseOptions o)
    {
        int f = features.Names.Count, w = o.Window;
        // Standardise with the days the training windows read: from the first window's first day to the last training day.
        int firstRow = rows[train.Start] - w + 1, lastRow = rows[train.End - 1];
        var scaler = new StandardScaler();
        scaler.Fit(features.Values, firstRow, lastRow - firstRow + 1);
        var defined = Slice(features.Values, features.FirstRow, series.RowCount - features.FirstRow);
        var scaled = scaler.Transform(defined);   // row r here is row r + FirstRow of the series

        var windows = new float[rows.Length * w * f];
        var day = new double[rows.Length, f];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int s = 0; s < w; s++)
                for (int c = 0; c < f; c++)
                    windows[(i * w + s) * f + c] = (float)scaled[rows[i] - w + 1 + s - features.FirstRow, c];
            for (int c = 0; c < f; c++) day[i, c] = scaled[rows[i] - features.FirstRow, c];
        }
        var min = new double[f];
        var max = new double[f];
        for (int c = 0; c < f; c++)
        {
            (min[c], max[c]) = (double.PositiveInfinity, double.NegativeInfinity);
            for (int r = firstRow; r <= lastRow; r++)
            {
                min[c] = Math.Min(min[c], features.Values[r, c]);
                max[c] = Math.Max(max[c], features.Values[r, c]);
            }
        }
        return new RiseData
        {
            Series = series, Notes = notes, Features = features, Rows = rows, Labels = labels,
            Windows = Tensor.FromArray(windows, rows.Length, w, f), DayFeatures = day,
            Train = train, Validation = validation, Test = test, Purged = o.Within, Scaler = scaler,
            Range = new TrainingRange(features.Names, min, max),
        };
    }

    private static void RequireRises(RiseData data, RiseOptions o)
    {
        foreach (var (span, name) in new[] { (data.Train, "training"), (data.Validation, "validation") })
            if (data.LabelsOf(span).All(l => l == 0))
                throw new RiseSettingException(RiseSetting.RisePercent,
                    $"is {o.RisePercent:0.##} %, and no day of the {name} span ({span.Count} days) rises that much within {o.Within} day(s), so the models " +
                    "have no rise to learn from or to set a threshold on; lower the rise or lengthen the horizon.");
    }

    private static double[,] Slice(double[,] values, int start, int count)
    {
        var slice = new double[count, values.GetLength(1)];
        for (int r = 0; r < count; r++)
            for (int c = 0; c < values.GetLength(1); c++) slice[r, c] = values[start + r, c];
        return slice;
    }
}
