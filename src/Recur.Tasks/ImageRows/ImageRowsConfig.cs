using System.Text.Json;
using System.Text.Json.Nodes;
using Recur.Data.Images;
using Recur.Nn;
using Recur.Tasks.Recipes;
using static Recur.Tasks.ConfigJson;

namespace Recur.Tasks.ImageRows;

/// <summary>
/// What an image checkpoint remembers to classify new images without the training data and to resume training: the
/// image size, the class names, the pixel normalisation fitted on the training images and the network's architecture.
/// Stored as the checkpoint's <c>config</c> JSON object, in sections <c>data</c>, <c>model</c> and <c>training</c> (the
/// settings a resumed run must share).
/// </summary>
/// <param name="Options">The run's options; <see cref="ImageRowsOptions.Epochs"/> and the other per-run settings are not stored.</param>
/// <param name="Rows">Pixel rows per image: the time steps.</param>
/// <param name="Columns">Pixel columns per image: the features per step.</param>
/// <param name="ClassNames">The class names by label.</param>
/// <param name="Normalization">How pixels become inputs.</param>
public sealed record ImageRowsConfig(ImageRowsOptions Options, int Rows, int Columns, IReadOnlyList<string> ClassNames, PixelNormalization Normalization)
{
    /// <summary>The <c>recipe</c> value of an image checkpoint.</summary>
    public const string RecipeName = "images";

    /// <summary>The training setting that holds the epochs a cosine decay is planned over (null without one).</summary>
    internal const string CosineEpochsKey = "cosine_epochs";

    /// <summary>The classifier reads both directions' final states when bidirectional, else the last step (the same values for one direction).</summary>
    public RecurrentReadout Readout => Options.Bidirectional ? RecurrentReadout.FinalState : RecurrentReadout.LastStep;

    /// <summary>
    /// A fresh network of this architecture, initialised from <paramref name="generator"/>, written as a PyTorch user
    /// would: <c>Sequential(RecurrentLayer(GRU(columns, hidden, layers, batchFirst: true), readout), Linear(D·hidden, classes))</c>.
    /// Input <c>[B, rows, columns]</c>, output the class logits <c>[B, classes]</c>.
    /// </summary>
    public Sequential CreateNetwork(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var o = Options;
        var rows = new RecurrentLayer(RecurrentModules.Create(o.Model, Columns, o.Hidden, o.Layers, o.Bidirectional, o.Dropout, generator), Readout);
        return new Sequential(rows, new Linear(rows.OutputWidth, ClassNames.Count, generator: generator));
    }

    /// <summary>The parameters <see cref="CreateNetwork"/> would make, counted without making them.</summary>
    public long ParameterCount() =>
        RecurrentModules.CountParameters(Options.Model, Columns, Options.Hidden, Options.Layers, Options.Bidirectional, ClassNames.Count);

    /// <summary>
    /// Refuses, before anything is allocated, a network whose training on batches of <see cref="ImageRowsOptions.BatchSize"/>
    /// images needs more memory than the process can use (<see cref="TrainingMemory"/>).
    /// </summary>
    /// <exception cref="ImageRowsSettingException">The estimate exceeds what the process can use; it names the estimate.</exception>
    public void RequireMemory()
    {
        var o = Options;
        double activations = TrainingMemory.RecurrentActivations(o.Model, o.Hidden, o.Layers, o.Bidirectional, o.BatchSize, Rows);
        if (TrainingMemory.Shortfall(ParameterCount(), activations) is string shortfall)
            throw new ImageRowsSettingException(ImageRowsSetting.Hidden, $"{o.Hidden} with {o.Layers} layer(s) makes {shortfall}; use fewer hidden units or layers.");
    }

    /// <summary>The JSON object stored in a checkpoint.</summary>
    public JsonObject ToJson()
    {
        var o = Options;
        return new JsonObject
        {
            ["recipe"] = RecipeName,
            ["source"] = o.DataDirectory,
            ["data"] = new JsonObject
            {
                ["dataset"] = DatasetName(o.Dataset),
                ["classes"] = Strings(ClassNames),
                ["rows"] = Rows,
                ["columns"] = Columns,
                ["normalization"] = new JsonObject { ["mean"] = Normalization.Mean, ["std"] = Normalization.Std },
                ["held_out"] = o.HeldOutFraction,
                ["train_limit"] = o.TrainLimit,
                ["test_limit"] = o.TestLimit,
            },
            ["model"] = new JsonObject
            {
                ["kind"] = o.Model.ToString().ToLowerInvariant(),
                ["input_size"] = Columns,
                ["layers"] = o.Layers,
                ["hidden"] = o.Hidden,
                ["bidirectional"] = o.Bidirectional,
                ["dropout"] = o.Dropout,
                ["readout"] = Readout == RecurrentReadout.FinalState ? "final_state" : "last_step",
                ["classes"] = ClassNames.Count,
            },
            ["training"] = new JsonObject
            {
                ["seed"] = o.Seed, ["lr"] = o.LearningRate, ["batch"] = o.BatchSize, ["standardize"] = o.Standardize,
                // A cosine schedule is planned over the run's epochs, so they belong to the settings a resumed run shares.
                [CosineEpochsKey] = o.CosineDecay ? o.Epochs : null,
            },
        };
    }

    /// <summary>Reads a config written by <see cref="ToJson"/>; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">Not an image config, or a field is missing or malformed.</exception>
    public static ImageRowsConfig FromJson(JsonObject json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            if ((string?)json["recipe"] != RecipeName)
                throw new InvalidDataException($"{source}: not an image model (its recipe is '{json["recipe"]}').");
            var data = Object(json, "data", source);
            var model = Object(json, "model", source);
            var training = Object(json, "training", source);
            var normalization = Object(data, "normalization", source);
            var classes = StringList(data, "classes", source);
            var options = new ImageRowsOptions
            {
                DataDirectory = (string?)json["source"] ?? "",
                Dataset = Choice(data, "dataset", source, ("fashion-mnist", ImageDataset.FashionMnist), ("mnist", ImageDataset.Mnist)),
                HeldOutFraction = Required(data, "held_out", source).GetValue<double>(),
                TrainLimit = data["train_limit"]?.GetValue<int>(),
                TestLimit = data["test_limit"]?.GetValue<int>(),
                Model = Kind(model, "kind", source),
                Layers = Required(model, "layers", source).GetValue<int>(),
                Hidden = Required(model, "hidden", source).GetValue<int>(),
                Bidirectional = Required(model, "bidirectional", source).GetValue<bool>(),
                Dropout = Required(model, "dropout", source).GetValue<float>(),
                Seed = Required(training, "seed", source).GetValue<ulong>(),
                LearningRate = Required(training, "lr", source).GetValue<float>(),
                BatchSize = Required(training, "batch", source).GetValue<int>(),
                Standardize = Required(training, "standardize", source).GetValue<bool>(),
            };
            if (training[CosineEpochsKey]?.GetValue<int>() is int cosineEpochs)
                options = options with { CosineDecay = true, Epochs = cosineEpochs };
            options.Validate();
            int rows = Required(data, "rows", source).GetValue<int>(), columns = Required(data, "columns", source).GetValue<int>();
            if (rows < 1 || columns < 1 || classes.Length < 2 || Required(model, "classes", source).GetValue<int>() != classes.Length)
                throw new InvalidDataException($"{source}: the image size {columns}×{rows} or the {classes.Length} class names do not describe a classifier.");
            return new ImageRowsConfig(options, rows, columns, classes,
                new PixelNormalization(Required(normalization, "mean", source).GetValue<float>(), Required(normalization, "std", source).GetValue<float>()));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or JsonException)
        {
            throw new InvalidDataException($"{source}: the image model's configuration is malformed ({e.Message}).", e);
        }
    }

    /// <summary>The dataset's name in a checkpoint and on the command line: <c>fashion-mnist</c>, <c>mnist</c>.</summary>
    public static string DatasetName(ImageDataset dataset) => dataset == ImageDataset.Mnist ? "mnist" : "fashion-mnist";
}
