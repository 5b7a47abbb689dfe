using Xunit.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Recur.Nn;
using Recur.Tasks.Recipes;
using Recur.Tests.Cli;
using Recur.Tests.Data.Text;
using Recur.Tests.Forecasting;

namespace Recur.Tests.Onnx;

/// <summary>
/// <c>recur export --model DIR --onnx FILE</c> on a checkpoint of every recipe: the ONNX model runs in ONNX Runtime and
/// gives what the predictor's network gives, to 1e-5, on inputs of other batch sizes (and for text, padded rows whose
/// lengths the graph counts from the padding ids).
/// </summary>
public sealed class ExportCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Every recipe, with the classifier both as the BiLSTM and as the CNN (NSMC's default), and images read both ways.</summary>
    public static TheoryData<string> Recipes() => ["forecast", "updown", "classify", "classify-cnn", "images", "images-bidirectional"];

    [Theory]
    [MemberData(nameof(Recipes))]
    public void Every_recipes_checkpoint_exports_to_a_model_onnx_runtime_runs_like_recur(string recipe)
    {
        string model = _files.PathOf(recipe);
        string[] train = recipe switch
        {
            "forecast" => ["forecast", "--csv", _files.Wave("wave.csv", 120), "--epochs", "1", "--hidden", "4", "--layers", "2", "--bidirectional"],
            "updown" => ["updown", "--csv", RepositoryFiles.Data("stock/krx-005930-2000-2024.csv"), "--epochs", "1", "--hidden", "4", "--bootstrap", "10"],
            "classify" => ["classify", "--data", "sms-spam", "--model", "bilstm", "--embedding", "4", "--hidden", "4", "--epochs", "1", "--patience", "0"],
            "classify-cnn" => ["classify", "--data", "sms-spam", "--model", "cnn", "--kernel", "3", "--embedding", "4", "--hidden", "4", "--epochs", "1", "--patience", "0"],
            "images" => ["images", "--data", "mnist", "--recipe", "slides", "--hidden", "8", "--epochs", "1", "--train-images", "100", "--test-images", "50"],
            _ => ["images", "--data", "mnist", "--model", "lstm", "--bidirectional", "true", "--hidden", "4", "--layers", "2", "--epochs", "1", "--train-images", "100", "--test-images", "50"],
        };
        var (trainExit, trainOutput) = CliRunner.Run([.. train, "--out", model]);
        Assert.True(trainExit == 0, trainOutput);

        string onnx = _files.PathOf(recipe + ".onnx");
        var (exit, output) = CliRunner.Run("export", "--model", model, "--onnx", onnx);
        Assert.True(exit == 0, output);
        Assert.Contains($"wrote {onnx}", output);

        var network = RecipeNetwork.Load(model);
        using var session = new InferenceSession(onnx);
        Assert.Equal(recipe.Split('-')[0], session.ModelMetadata.CustomMetadataMap["recur.recipe"]);
        var g = new Generator(1);
        var sample = network.SampleInput;
        Tensor input;
        SequenceLengths? lengths = null;
        if (network.Padding is var (_, side))
        {
            int steps = sample.Dim(1);
            lengths = new SequenceLengths([steps, 3, 0, 1], side);
            input = OnnxExportRecurrentTests.Padding(OnnxRuntimeCheck.Ids(g, 50, 4, steps).Reshape(4, steps, 1), lengths).Reshape(4, steps);
        }
        else input = Tensor.Randn(g, [3, .. sample.Shape[1..]]);
        Tensor expected;
        using (new NoGradScope())
            expected = lengths is not null ? ((ISequenceLayer)network.Network).Forward(input, lengths) : network.Network.Forward(input);
        var (actual, shape) = OnnxRuntimeCheck.Run(session, input, network.Padding is not null, null);
        Assert.Equal(expected.Shape, shape);
        float worst = 0f;
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(MathF.Abs(actual[i] - expected.Span[i]) <= OnnxRuntimeCheck.Tolerance, $"{recipe}: element {i}: {actual[i]} vs {expected.Span[i]}");
            worst = MathF.Max(worst, MathF.Abs(actual[i] - expected.Span[i]));
        }
        log.WriteLine($"{recipe}: largest |ONNX Runtime - Recur| {worst:E2} over {actual.Length} outputs");   // the figure docs/interop.md quotes
    }

    [Fact]
    public void An_opset_out_of_range_names_the_flag_and_the_accepted_values()
    {
        var (exit, output) = CliRunner.Run("export", "--model", _files.Root, "--onnx", _files.PathOf("x.onnx"), "--opset", "9");
        Assert.Equal(2, exit);
        Assert.Contains("--opset must be a whole number from 13 to 21", output);
    }
}
