using Recur.Data.Prices;
using Recur.Nn;
using Recur.Tasks.Forecasting;
using Recur.Tasks.Recipes;

namespace Recur.Tasks.RiseClassification;

/// <summary>A trained up/down model loaded from its checkpoint, calling the last day of a file without the training data.</summary>
public sealed class RisePredictor
{
    private readonly ForecastNetwork _network;

    private RisePredictor(RiseConfig config, ForecastNetwork network)
    {
        Config = config;
        _network = network;
    }

    /// <summary>The features, scaler, threshold and reading settings the model was trained with.</summary>
    public RiseConfig Config { get; }

    /// <summary>Loads a model from <paramref name="directory"/>: a <c>recur updown</c> output directory or its checkpoint folder.</summary>
    /// <exception cref="InvalidDataException">No up/down checkpoint there, or a corrupt or incompatible one.</exception>
    public static RisePredictor Load(string directory)
    {
        var (config, network, _) = RecipeCheckpoint.LoadModel(directory, RiseConfig.RecipeName, "an up/down model", RiseConfig.FromJson,
            c => c.CreateNetwork(new Generator(0)), c => c.ParameterCount());
        return new RisePredictor(config, network);
    }

    /// <summary>
    /// The network's probability of a rise after the last day of <paramref name="csvPath"/> (read as the training file
    /// was; a file without dates in <paramref name="datelessOrder"/> when given), and whether it calls one.
    /// </summary>
    /// <exception cref="ArgumentException">Too few rows for the features and one window.</exception>
    public NextRise Predict(string csvPath, DatelessRowOrder? datelessOrder = null)
    {
        var o = Config.Options;
        var reading = datelessOrder is DatelessRowOrder order ? o.Reading with { DatelessOrder = order } : o.Reading;
        var columns = new List<string> { o.Price };
        if (Config.Features.Any(RiseFeatures.NeedsVolume)) columns.Add(o.Volume);
        if (!File.Exists(csvPath)) throw new FileNotFoundException($"{csvPath}: no such file.");
        var series = PriceSeriesReader.Read(csvPath, reading with { Columns = columns });
        var features = RiseFeatures.Compute(series, o.Price, o.Volume, Config.Features, []);
        int n = series.RowCount, f = Config.Features.Count;
        if (n - features.FirstRow < o.Window)
            throw new ArgumentException($"{csvPath} has {n} rows; the model needs {features.FirstRow + o.Window} ({features.WarmUp} needs {features.FirstRow + 1}, then a window of {o.Window} days).");
        var window = new double[o.Window, f];
        for (int s = 0; s < o.Window; s++)
            for (int c = 0; c < f; c++) window[s, c] = features.Values[n - o.Window + s, c];
        var scaled = Config.Scaler.Transform(window);
        var input = new float[o.Window * f];
        for (int s = 0; s < o.Window; s++)
            for (int c = 0; c < f; c++) input[s * f + c] = (float)scaled[s, c];
        float logit;
        using (new NoGradScope())
            logit = _network.Forward(Tensor.FromArray(input, 1, o.Window, f)).ToArray()[0];
        var close = series.Column(o.Price);
        return new NextRise(o.Price, series.Dates?[n - 1], close[^1], 1 / (1 + Math.Exp(-(double)logit)), Config.Threshold, o.RisePercent, o.Within)
        {
            Warnings = Config.Range.Check(window),
        };
    }
}
