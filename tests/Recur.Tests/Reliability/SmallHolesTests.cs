using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Recur.Data.Prices;
using Recur.Data.Text;
using Recur.Serialization;
using Recur.Tasks.Foundations;
using Recur.Tests.Cli;
using Recur.Tests.Forecasting;
using Recur.Training;

namespace Recur.Tests.Reliability;

/// <summary>The smaller holes of issue 16, item 5; each test failed before the fix it names.</summary>
public sealed class SmallHolesTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string SavedCheckpoint(string name)
    {
        string folder = _files.PathOf(name);
        new Checkpoint { Epoch = 3, Weights = new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2) } }.Save(folder);
        return folder;
    }

    private static string WeightsFile(string folder) =>
        (string)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, Checkpoint.ManifestName)))!["weights"]!;

    [Fact]
    public async Task A_FIFO_in_place_of_the_weights_is_refused_without_opening_it()
    {
        // Before: opening the FIFO blocked for ever. The guard below only keeps a regression from hanging the suite.
        if (OperatingSystem.IsWindows()) return;
        string folder = SavedCheckpoint("fifo");
        string weights = Path.Combine(folder, WeightsFile(folder));
        File.Delete(weights);
        using (var mkfifo = Process.Start("mkfifo", weights)) await mkfifo.WaitForExitAsync();

        var load = Task.Run(() => Checkpoint.Load(folder));
        Assert.True(await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(60))) == load, "Checkpoint.Load blocked on a FIFO");
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => load);
        Assert.Contains("not a regular file", e.Message);
    }

    [Fact]
    public void A_symbolic_link_leading_out_of_the_folder_is_refused_and_its_contents_never_quoted()
    {
        string folder = SavedCheckpoint("link");
        string secret = _files.PathOf("secret.txt");
        File.WriteAllText(secret, "root:x:0:0:root:/root:/bin/bash\n");
        string weights = Path.Combine(folder, WeightsFile(folder));
        File.Delete(weights);
        File.CreateSymbolicLink(weights, secret);

        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder));
        Assert.Contains("symbolic link leading out of the checkpoint folder", e.Message);
        Assert.DoesNotContain("root:x", e.Message);
    }

    [Fact]
    public void A_symbolic_link_inside_the_folder_still_loads()
    {
        string folder = SavedCheckpoint("inside");
        string weights = WeightsFile(folder);
        File.Move(Path.Combine(folder, weights), Path.Combine(folder, "real.safetensors"));
        File.CreateSymbolicLink(Path.Combine(folder, weights), Path.Combine(folder, "real.safetensors"));

        Assert.Equal([1f, 1f], Checkpoint.Load(folder).Weights["w"].ToArray());
    }

    [Theory]
    [InlineData("epoch", -1, "cannot be negative")]
    [InlineData("version", -3, "is not a version")]
    [InlineData("version", 0, "is not a version")]
    public void Negative_epoch_or_version_in_a_manifest_is_refused(string key, int value, string expected)
    {
        string folder = SavedCheckpoint("negative");
        string manifest = Path.Combine(folder, Checkpoint.ManifestName);
        var json = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        json[key] = value;
        File.WriteAllText(manifest, json.ToJsonString());

        Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder)).Message);
    }

    [Fact]
    public void A_shape_whose_element_count_overflows_is_refused_not_made_empty()
    {
        // 65,536⁴ = 2⁶⁴ wrapped to 0 in a long: an empty tensor.
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(65536, 65536, 65536, 65536));
        Assert.Contains("more than", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(6).Reshape(-1, 65536, 65536, 65536, 65536));
        Assert.Equal(0, Tensor.Zeros(65536, 65536, 65536, 0).Size);
    }

    [Fact]
    public void Xor_with_a_huge_learning_rate_stops_with_a_divergence_error()
    {
        var e = Assert.Throws<TrainingDivergedException>(() => XorNetwork.Train(0, learningRate: 1e30f, maxSteps: 1000));
        Assert.Contains("too large", e.Message);
        var (exit, output) = CliRunner.Run("xor", "--lr", "1e30", "--max-steps", "1000");
        Assert.Equal(1, exit);
        Assert.StartsWith("error: xor: the loss became", output.Trim());
    }

    [Fact]
    public void Xor_keeps_a_bounded_loss_curve_whatever_the_steps()
    {
        // A learning rate too small to separate in 5,000 steps: every step runs. Before: 5,000 points.
        var result = XorNetwork.Train(0, learningRate: 1e-6f, maxSteps: 5000);

        Assert.Equal(5000, result.Steps);
        Assert.InRange(result.LossCurve.Length, 2, 1025);
        Assert.Equal(result.LossCurve.Length, result.CurveSteps.Length);
        Assert.Equal(0, result.CurveSteps[0]);
        Assert.Equal(4999, result.CurveSteps[^1]);
        Assert.True(result.CurveSteps.Zip(result.CurveSteps.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void Bounded_curve_keeps_every_step_while_there_is_room_then_a_doubling_stride()
    {
        var curve = new BoundedLossCurve(capacity: 8);
        for (int i = 0; i < 8; i++) curve.Add(i);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], curve.ToArrays().Steps);
        for (int i = 8; i < 1_000_000; i++) curve.Add(i);
        var (steps, losses) = curve.ToArrays();
        Assert.InRange(steps.Length, 2, 9);
        Assert.Equal(999_999, steps[^1]);
        Assert.Equal(steps.Select(s => (float)s), losses);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf16_without_a_byte_order_mark_is_detected_by_its_zero_bytes(bool bigEndian)
    {
        // Before: read as UTF-8 with a NUL after every letter, "no column 'Open'; the file has: Open, …".
        string csv = _files.Wave("wave.csv", rows: 30);
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: false);
        File.WriteAllBytes(csv, encoding.GetBytes(File.ReadAllText(csv)));

        Assert.Equal(bigEndian ? "utf-16BE" : "utf-16", TextEncodings.Detect(File.ReadAllBytes(csv)).WebName);
        Assert.Equal(30, PriceSeriesReader.Read(csv).RowCount);
    }

    [Fact]
    public void An_error_line_quoting_a_huge_argument_is_capped()
    {
        // Before: the whole 100,000-character name came back in the error line.
        string huge = new('x', 100_000);
        var (exit, output) = CliRunner.Run("forecast", "--csv", _files.Wave("wave.csv", rows: 60), "--target", huge, "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        string line = Assert.Single(output.Trim().Split('\n'));
        Assert.StartsWith("error:", line);
        Assert.InRange(line.Length, 1, 600);
    }
}
