using System.Text.Json.Nodes;
using Recur.Serialization;
using Recur.Tasks;
using Recur.Tasks.ImageRows;
using Recur.Tasks.TextClassification;
using Recur.Tests.Cli;
using Recur.Tests.Forecasting;
using Recur.Tests.TextClassification;

namespace Recur.Tests.Reliability;

/// <summary>
/// classify and images check a checkpoint's config against its weights before building the network, and refuse a
/// network too large for memory before allocating it, as forecast does (issue 16, item 3). The edited-config and
/// too-large tests failed before: predicting built the edited network (allocating what the config asked for), and
/// <c>--hidden 2000000</c> started building it.
/// </summary>
public sealed class ClassifyAndImagesChecksTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Reviews() => ReviewCorpus.Write(_files.PathOf("reviews.csv"), 40);

    private string TrainClassifier()
    {
        string outDir = _files.PathOf("classifier");
        var (exit, output) = CliRunner.Run(["classify", "--csv", Reviews(), "--text-column", "review", "--label-column", "sentiment",
            "--epochs", "1", "--hidden", "4", "--embedding", "4", "--patience", "0", "--out", outDir]);
        Assert.True(exit == 0, output);
        return outDir;
    }

    private string TrainImages()
    {
        string outDir = _files.PathOf("images");
        var (exit, output) = CliRunner.Run("images", "--recipe", "slides", "--hidden", "4", "--layers", "1", "--epochs", "1",
            "--train-images", "100", "--test-images", "50", "--out", outDir);
        Assert.True(exit == 0, output);
        return outDir;
    }

    private static void Edit(string outDir, Action<JsonObject> edit)
    {
        string manifest = Path.Combine(outDir, "checkpoint", Checkpoint.ManifestName);
        var json = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        edit(json["config"]!.AsObject());
        File.WriteAllText(manifest, json.ToJsonString());
    }

    private static void AssertOneLine(int exit, string output, string expected)
    {
        Assert.Equal(1, exit);
        Assert.StartsWith("error:", output.Trim());
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains(expected, output);
    }

    [Theory]
    [InlineData("hidden", 4096, "parameters but the weights hold")]
    // The config's own check (its vocabulary against the embedding) comes first there, also before anything is built.
    [InlineData("vocabulary_size", 16_000_000, "does not fit the model's embedding (16000000 ids")]
    public void An_edited_classifier_config_is_checked_against_the_weights_before_the_network_is_built(string key, int value, string expected)
    {
        // 16 M words × 4 floats is 256 MB of embedding; the refusal reads only the manifest and the small weights file.
        AssertRefusedBeforeBuilding(TrainClassifier(), key, value, model => TextClassifierPredictor.Load(model), ["--text", "a lovely film"], expected);
    }

    [Theory]
    [InlineData("hidden", 1_000_000)]
    [InlineData("layers", 1_000_000)]
    public void An_edited_image_config_is_checked_against_the_weights_before_the_network_is_built(string key, int value)
    {
        AssertRefusedBeforeBuilding(TrainImages(), key, value, model => ImagePredictor.Load(model),
            ["--idx", Data.Images.BundledImageFiles.Path("fashion-mnist", "t10k-images-idx3-ubyte.gz"), "--index", "0"], "parameters but the weights hold");
    }

    // Edits the model's config, then loading it in the library and predicting on the command line both refuse it in
    // one line, the library having allocated little (the network the config describes would take gigabytes).
    private static void AssertRefusedBeforeBuilding(string model, string key, int value, Func<string, object> load, string[] predictArgs, string expected)
    {
        Edit(model, config => config["model"]![key] = value);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => load(model));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(expected, e.Message);
        Assert.InRange(allocated, 0, 32L << 20);
        var (exit, output) = CliRunner.Run(["predict", "--model", model, .. predictArgs]);
        AssertOneLine(exit, output, expected);
    }

    [Theory]
    [InlineData("--hidden", "2000000", "--hidden 2000000 with embeddings of")]
    [InlineData("--embedding", "2000000", "--embedding 2000000 over")]
    public void Classify_refuses_a_network_too_large_for_memory_with_its_estimate(string flag, string value, string expected)
    {
        string outDir = _files.PathOf("too-large");

        var (exit, output) = CliRunner.Run(["classify", "--csv", Reviews(), "--text-column", "review", "--label-column", "sentiment",
            "--epochs", "1", flag, value, "--out", outDir]);

        AssertOneLine(exit, output, expected);
        Assert.Matches(@"needs about [\d.,]+ GB .* more than the [\d.,]+ GB this process can use", output);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Images_refuses_a_network_too_large_for_memory_with_its_estimate()
    {
        var (exit, output) = CliRunner.Run("images", "--recipe", "slides", "--hidden", "2000000", "--epochs", "1",
            "--train-images", "100", "--test-images", "50", "--out", _files.PathOf("too-large"));

        AssertOneLine(exit, output, "--hidden 2000000 with 2 layer(s) makes a network of");
        Assert.Matches(@"needs about [\d.,]+ GB .* more than the [\d.,]+ GB this process can use", output);
    }

    [Theory]
    [InlineData(TextModelKind.Rnn)]
    [InlineData(TextModelKind.Lstm)]
    [InlineData(TextModelKind.Gru)]
    [InlineData(TextModelKind.BiLstm)]
    [InlineData(TextModelKind.Cnn)]
    public void A_text_networks_counted_parameters_are_the_built_ones(TextModelKind kind)
    {
        var config = new TextNetworkConfig(kind, VocabularySize: 37, EmbeddingSize: 6, Hidden: 5, KernelSize: 3, DenseUnits: 7, Dropout: 0.1f,
            Outputs: 3, InputLength: 9);

        Assert.Equal(config.Create(new Generator(1)).Parameters().Sum(p => (long)p.Size), config.ParameterCount());
    }

    [Theory]
    [InlineData(RecurrentKind.Rnn, false, 1)]
    [InlineData(RecurrentKind.Lstm, true, 2)]
    [InlineData(RecurrentKind.Gru, false, 3)]
    public void An_image_networks_counted_parameters_are_the_built_ones(RecurrentKind kind, bool bidirectional, int layers)
    {
        var options = new ImageRowsOptions { DataDirectory = "", Model = kind, Bidirectional = bidirectional, Layers = layers, Hidden = 5 };
        var config = new ImageRowsConfig(options, Rows: 7, Columns: 6, ["a", "b", "c", "d"], new Recur.Data.Images.PixelNormalization(0.5f, 0.25f));

        Assert.Equal(config.CreateNetwork(new Generator(1)).Parameters().Sum(p => (long)p.Size), config.ParameterCount());
    }
}
