using System.Text.Json.Nodes;
using Recur.Tests.Cli;
using Recur.Tests.Data.Images;
using Recur.Tests.Serialization;
using SkiaSharp;

namespace Recur.Tests.ImageRows;

/// <summary>
/// <c>recur images</c> and <c>recur predict</c> on image models, through the command line: the files a run writes, the
/// predictions, and bad input turned into one line with nothing overwritten.
/// </summary>
public sealed class ImagesCommandTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string FashionTestImages => BundledImageFiles.Path("fashion-mnist", "t10k-images-idx3-ubyte.gz");

    /// <summary>A run on 300 training and 200 test images with a small GRU (seconds, not minutes); <paramref name="more"/> adds or replaces flags.</summary>
    private static (int Exit, string Output) Quick(string outDir, params string[] more)
    {
        string[] quick = ["--recipe", "slides", "--hidden", "16", "--epochs", "1", "--train-images", "300", "--test-images", "200", "--out", outDir];
        var args = new List<string> { "images" };
        for (int i = 0; i < quick.Length; i += 2)
            if (!more.Contains(quick[i])) args.AddRange([quick[i], quick[i + 1]]);
        args.AddRange(more);
        return CliRunner.Run([.. args]);
    }

    private static void AssertOneErrorLine(int exit, string output, params string[] parts)
    {
        Assert.True(exit != 0, output);
        Assert.Single(output.Trim().Split('\n'));
        Assert.StartsWith("error:", output.Trim());
        foreach (string part in parts) Assert.Contains(part, output);
    }

    [Fact]
    public void Images_writes_report_charts_json_and_checkpoint_and_prints_the_test_accuracy_of_each_epoch()
    {
        string outDir = _dir.File("run");
        var (exit, output) = Quick(outDir, "--idx-dir", BundledImageFiles.Fashion, "--epochs", "2");

        Assert.True(exit == 0, output);
        Assert.Contains("test accuracy", output);
        Assert.Contains("images/s", output);
        foreach (string name in new[] { "report.md", "curves.png", "confusion.png", "samples.png", "images.json", "checkpoint/checkpoint.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), $"{name} missing; output: {output}");
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));
        ChartAssert.IsChart(Path.Combine(outDir, "curves.png"), 1200, 480, series: 2);
        ChartAssert.IsChart(Path.Combine(outDir, "confusion.png"), 980, 800, series: 1);
        // 10 × 4 cells of 3× scaled 28-pixel images with their labels (grey; a mistake's red frame is not guaranteed).
        ChartAssert.IsChart(Path.Combine(outDir, "samples.png"), 1080, 556, series: 0);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "images.json")))!;
        Assert.Equal("fashion-mnist", (string?)json["dataset"]);
        Assert.Equal(300, (int)json["train_images"]!);
        Assert.Equal(2, json["epochs"]!.AsArray().Count);
        double final = (double)json["test_accuracy"]!;
        Assert.Equal((double)json["epochs"]![1]!["test_accuracy"]!, final, 12);
        Assert.True((double)json["seconds_per_epoch"]! > 0);
        Assert.Equal(10, json["accuracy_per_class"]!.AsObject().Count);
        Assert.Contains((100 * final).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " %", output);

        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        foreach (string part in new[] { "## Data", "gru (GRU)", "## Accuracy per class", "Ankle boot", "## Most confused pairs", "![", "recur images" })
            Assert.Contains(part, report);
    }

    [Fact]
    public void Json_output_is_one_parsable_document()
    {
        var (exit, output) = Quick(_dir.File("j"), "--json");

        Assert.True(exit == 0, output);
        var json = JsonNode.Parse(output)!;
        Assert.Single(json["epochs"]!.AsArray());
        Assert.NotNull(json["test_accuracy"]);
    }

    [Fact]
    public void Mnist_trains_on_part_of_the_bundled_test_digits_and_says_so()
    {
        string outDir = _dir.File("mnist");
        var (exit, output) = Quick(outDir, "--data", "mnist");

        Assert.True(exit == 0, output);
        Assert.Contains("note:", output);
        Assert.Contains("no training split", output);
        Assert.Contains("no training split", File.ReadAllText(Path.Combine(outDir, "report.md")));
        Assert.True((bool)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "images.json")))!["split_from_test_set"]!);
    }

    [Fact]
    public void Predict_classifies_an_idx_image_and_a_picture_with_the_top_three()
    {
        string model = _dir.File("model");
        Assert.Equal(0, Quick(model).Exit);

        var (exit, output) = CliRunner.Run("predict", "--model", model, "--idx", FashionTestImages, "--index", "0");
        Assert.True(exit == 0, output);
        Assert.Contains("probability", output);
        Assert.Equal(4, output.Trim().Split('\n').Length);   // the class, then the top 3

        var (jsonExit, jsonOutput) = CliRunner.Run("predict", "--model", model, "--idx", FashionTestImages, "--index", "0", "--json");
        Assert.Equal(0, jsonExit);
        var json = JsonNode.Parse(jsonOutput)!;
        Assert.Equal(3, json["top"]!.AsArray().Count);
        Assert.Equal((int)json["class"]!, (int)json["top"]![0]!["class"]!);

        string picture = Picture("shoe.png", 56, 56, SKColors.White);
        var (pngExit, pngOutput) = CliRunner.Run("predict", "--model", model, "--png", picture, "--resize");
        Assert.True(pngExit == 0, pngOutput);
        Assert.Contains("inverted", pngOutput);
        Assert.Contains("scaled to 28×28", pngOutput);
    }

    [Fact]
    public void Predict_refuses_the_inputs_of_another_kind_of_model_and_incomplete_flags_in_one_line()
    {
        string model = _dir.File("model");
        Assert.Equal(0, Quick(model).Exit);

        var (exit, output) = CliRunner.Run("predict", "--model", model, "--csv", "prices.csv");
        AssertOneErrorLine(exit, output, "--csv", "recur images", "--png FILE");
        (exit, output) = CliRunner.Run("predict", "--model", model, "--idx", FashionTestImages);
        AssertOneErrorLine(exit, output, "--index");
        (exit, output) = CliRunner.Run("predict", "--model", model);
        AssertOneErrorLine(exit, output, "--png FILE");
        (exit, output) = CliRunner.Run("predict", "--model", model, "--idx", FashionTestImages, "--index", "10000");
        AssertOneErrorLine(exit, output, "10,000");
    }

    [Fact]
    public void A_picture_that_is_not_an_image_or_of_another_size_is_one_line()
    {
        string model = _dir.File("model");
        Assert.Equal(0, Quick(model).Exit);
        File.WriteAllText(_dir.File("text.png"), "not pixels");

        var (exit, output) = CliRunner.Run("predict", "--model", model, "--png", _dir.File("text.png"));
        AssertOneErrorLine(exit, output, "text.png", "not a picture");
        (exit, output) = CliRunner.Run("predict", "--model", model, "--png", Picture("big.png", 64, 48, SKColors.Black));
        AssertOneErrorLine(exit, output, "big.png", "64×48", "28×28", "pass --resize");
        string idx32 = IdxFileWriter.Write(_dir.File("32.idx"), IdxFileWriter.Images(2, 32, 32));
        (exit, output) = CliRunner.Run("predict", "--model", model, "--idx", idx32, "--index", "0");
        AssertOneErrorLine(exit, output, "32×32");
        Assert.DoesNotContain("--resize", output);
    }

    public static TheoryData<string, string[]> BadFolders() => new()
    {
        { "missing", ["no t10k images file"] },
        { "truncated", ["truncated", "100 images"] },
        { "labels-as-images", ["0x00000801", "labels file"] },
        { "count-mismatch", ["12 labels", "10 images"] },
    };

    [Theory]
    [MemberData(nameof(BadFolders))]
    public void A_bad_idx_folder_is_one_line_and_overwrites_nothing(string kind, string[] expected)
    {
        string folder = _dir.File(kind);
        Directory.CreateDirectory(folder);
        switch (kind)
        {
            case "truncated":
                var whole = IdxFileWriter.Images(100, 28, 28);
                IdxFileWriter.Write(Path.Combine(folder, "t10k-images-idx3-ubyte"), whole[..(whole.Length / 2)]);
                IdxFileWriter.Write(Path.Combine(folder, "t10k-labels-idx1-ubyte"), IdxFileWriter.Labels(new byte[100]));
                break;
            case "labels-as-images":
                IdxFileWriter.Write(Path.Combine(folder, "t10k-images-idx3-ubyte"), IdxFileWriter.Labels(new byte[10]));
                IdxFileWriter.Write(Path.Combine(folder, "t10k-labels-idx1-ubyte"), IdxFileWriter.Labels(new byte[10]));
                break;
            case "count-mismatch":
                IdxFileWriter.Write(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), IdxFileWriter.Images(10, 28, 28), gzip: true);
                IdxFileWriter.Write(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), IdxFileWriter.Labels(new byte[12]), gzip: true);
                break;
        }
        string outDir = _dir.File("out-" + kind);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "report.md"), "the previous run's report");

        var (exit, output) = CliRunner.Run("images", "--idx-dir", folder, "--epochs", "1", "--out", outDir);

        AssertOneErrorLine(exit, output, expected);
        Assert.Equal("the previous run's report", File.ReadAllText(Path.Combine(outDir, "report.md")));
        // The run's lock file (issue 16) is not an output: it stays, holding nothing once the run ends.
        Assert.Equal(["report.md"], Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName).Where(n => n != Recur.Serialization.RunLock.FileName));
    }

    [Fact]
    public void Flags_out_of_range_and_a_resume_without_a_checkpoint_are_one_line_naming_the_flag()
    {
        var (exit, output) = Quick(_dir.File("x"), "--hidden", "0");
        AssertOneErrorLine(exit, output, "--hidden must be at least 1");
        (exit, output) = Quick(_dir.File("y"), "--held-out", "1.5", "--data", "mnist");
        AssertOneErrorLine(exit, output, "--held-out");
        (exit, output) = Quick(_dir.File("z"), "--resume", "--epochs", "2");
        AssertOneErrorLine(exit, output, "holds no checkpoint");
    }

    /// <summary>A dark square on <paramref name="background"/>, or a light one on black.</summary>
    private string Picture(string name, int width, int height, SKColor background)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(background);
            var ink = background == SKColors.White ? SKColors.Black : SKColors.White;
            canvas.DrawRect(SKRect.Create(width / 4f, height / 4f, width / 2f, height / 2f), new SKPaint { Color = ink });
        }
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(_dir.File(name), png.ToArray());
        return _dir.File(name);
    }
}
