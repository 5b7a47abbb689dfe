using Recur.Data.Prices;
using Recur.Data.Windows;
using Recur.Data.Scaling;
using Recur.Tasks.Recipes;

namespace Recur.Tasks.Forecasting;

/// <summary>A trained forecaster loaded from a checkpoint, predicting without its training data.</summary>
public sealed class ForecastPredictor
{
    private readonly ForecastNetwork _network;

    private ForecastPredictor(ForecastConfig config, ForecastNetwork network, int epoch)
    {
        Config = config;
        _network = network;
        Epoch = epoch;
    }

    /// <summary>The architecture, columns and scalers the model was trained with.</summary>
    public ForecastConfig Config { get; }

    /// <summary>Epochs the model was trained for.</summary>
    public int Epoch { get; }

    /// <summary>
    /// Loads a model from <paramref name="directory"/>: a <c>recur forecast</c> output directory or its checkpoint folder.
    /// </summary>
    /// <exception cref="InvalidDataException">The directory holds no forecast checkpoint, or a corrupt or incompatible one.</exception>
    public static ForecastPredictor Load(string directory)
    {
        var (config, network, epoch) = RecipeCheckpoint.LoadModel(directory, ForecastConfig.RecipeName, "a forecast model", ForecastConfig.FromJson,
            c => c.CreateNetwork(new Generator(0)), c => c.ParameterCount());
        return new ForecastPredictor(config, network, epoch);
    }

    /// <summary>
    /// Forecasts the target after the last window of <paramref name="csvPath"/>, read with the training file's settings:
    /// its encoding, columns, empty-cell policy and, for a file without dates, its row order unless
    /// <paramref name="datelessOrder"/> states another.
    /// </summary>
    /// <exception cref="ArgumentException">The file has fewer rows than one window, or lacks a column the model needs.</exception>
    /// <exception cref="PriceFormatException">
    /// The file has no dates and neither the model nor <paramref name="datelessOrder"/> states their order, or another
    /// problem a setting would remedy.
    /// </exception>
    public NextForecast Predict(string csvPath, DatelessRowOrder? datelessOrder = null)
    {
        var c = Config.Options;
        var series = ForecastColumns.Read(csvPath, datelessOrder is DatelessRowOrder order ? c with { DatelessOrder = order } : c);
        int n = series.RowCount;
        bool atLastRow = c.TargetAt == TargetAlignment.LastStep;
        if (n < c.Window)
            throw new ArgumentException($"{csvPath}: {n} rows, fewer than one window of {c.Window}.");
        var raw = ForecastColumns.Matrix(series, c.Features);
        var features = Config.FeatureScaler.Transform(raw);
        var target = series.Column(c.Target);

        var window = new float[c.Window * c.Features.Count];
        for (int t = 0; t < c.Window; t++)
            for (int f = 0; f < c.Features.Count; f++)
                window[t * c.Features.Count + f] = (float)features[n - c.Window + t, f];

        // The last known target before the first forecast row: the last row, or the one before it when the target
        // sits at the window's last step.
        int lastKnownRow = atLastRow ? n - 2 : n - 1;
        if (lastKnownRow < 0)
            throw new ArgumentException($"{csvPath}: needs at least 2 rows to know the value before the forecast.");
        double lastKnown = target[lastKnownRow];
        double baseline = c.Learn == ForecastLearning.Change ? Config.TargetScaler.Transform(lastKnown, 0) : 0;

        float[] output;
        using (new NoGradScope())
            output = _network.Forward(Tensor.FromArray(window, 1, c.Window, c.Features.Count)).ToArray();
        var values = output.Select(v => Config.TargetScaler.InverseTransform(baseline + v, 0)).ToArray();
        var choice = Config.Choice ?? new ForecastChoice(ForecasterKind.Network, 1, "The model was saved before forecast runs chose a default: its network is used.");
        return new NextForecast(c.Target, series.Dates?[n - 1], lastKnown, values, atLastRow)
        {
            Default = values.Select(v => choice.Combine(v, lastKnown)).ToArray(),
            Choice = choice,
            Warnings = Range(Config.FeatureScaler, c.Features).Check(Rows(raw, n - c.Window, c.Window)),
        };
    }

    private static TrainingRange Range(Scaler scaler, IReadOnlyList<string> columns) => scaler is MinMaxScaler m
        ? new TrainingRange(columns, m.DataMin, m.DataMax)
        : throw new InvalidDataException("a forecast model's feature scaler is min–max.");

    private static double[,] Rows(double[,] matrix, int start, int count)
    {
        var rows = new double[count, matrix.GetLength(1)];
        for (int r = 0; r < count; r++)
            for (int c = 0; c < matrix.GetLength(1); c++) rows[r, c] = matrix[start + r, c];
        return rows;
    }
}
