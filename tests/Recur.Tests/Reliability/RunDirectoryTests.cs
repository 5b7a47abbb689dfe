using System.Text.Json.Nodes;
using Recur.Serialization;
using Recur.Tasks.Forecasting;
using Recur.Tests.Cli;
using Recur.Tests.Forecasting;

namespace Recur.Tests.Reliability;

/// <summary>
/// A run directory has one writer, keeps another run's model unless told to replace it, and keeps the checkpoint files
/// a reader may still need (issue 16, item 2). Every test failed before: two writers both ran, a fresh run replaced the
/// model silently, superseded files went at once, orphans stayed, and predicting needed the optimizer file.
/// </summary>
public sealed class RunDirectoryTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string[] Forecast(string outDir, params string[] extra) =>
        ["forecast", "--csv", _files.Wave("wave.csv", rows: 60), "--epochs", "2", "--out", outDir, .. extra];

    [Fact]
    public void A_second_writer_fails_at_once_with_one_line()
    {
        string outDir = _files.PathOf("busy");
        Directory.CreateDirectory(outDir);
        using (RunLock.Acquire(outDir))
        {
            var (exit, output) = CliRunner.Run(Forecast(outDir));

            Assert.Equal(1, exit);
            Assert.StartsWith("error:", Assert.Single(output.Trim().Split('\n')));
            Assert.Contains("is in use by another run", output);
            Assert.False(Directory.Exists(Path.Combine(outDir, "checkpoint")));
        }
        Assert.Equal(0, CliRunner.Run(Forecast(outDir)).Exit);
    }

    [Fact]
    public void A_fresh_run_refuses_to_replace_a_trained_model_without_force()
    {
        string outDir = _files.PathOf("trained");
        Assert.Equal(0, CliRunner.Run(Forecast(outDir)).Exit);
        string manifest = File.ReadAllText(Path.Combine(outDir, "checkpoint", Checkpoint.ManifestName));

        var (exit, output) = CliRunner.Run(Forecast(outDir));

        Assert.Equal(1, exit);
        Assert.Contains("already holds a trained model", output);
        Assert.Contains("--force", output);
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(outDir, "checkpoint", Checkpoint.ManifestName)));
        Assert.Equal(0, CliRunner.Run(Forecast(outDir, "--force")).Exit);
    }

    [Fact]
    public void A_backtest_forced_over_a_trained_model_takes_the_model_away_with_the_previous_reports()
    {
        string outDir = _files.PathOf("forecast-then-backtest");
        Assert.Equal(0, CliRunner.Run(Forecast(outDir)).Exit);

        var refused = CliRunner.Run(Forecast(outDir, "--backtest", "2"));
        Assert.Equal(1, refused.Exit);
        Assert.True(Directory.Exists(Path.Combine(outDir, "checkpoint")));

        Assert.Equal(0, CliRunner.Run(Forecast(outDir, "--backtest", "2", "--force")).Exit);

        // Before, the forecast's checkpoint stayed beside the backtest's report, and `predict` answered from it.
        Assert.False(Directory.Exists(Path.Combine(outDir, "checkpoint")));
        Assert.True(File.Exists(Path.Combine(outDir, "backtest.json")));
        Assert.False(File.Exists(Path.Combine(outDir, "forecast.json")));
        Assert.Empty(Directory.GetDirectories(outDir));
        var (exit, output) = CliRunner.Run("predict", "--model", outDir);
        Assert.Equal(1, exit);
        Assert.StartsWith("error:", Assert.Single(output.Trim().Split('\n')));
    }

    [Fact]
    public void A_save_keeps_the_files_of_the_manifest_it_replaces_and_removes_older_ones_and_orphans()
    {
        string folder = _files.PathOf("generations");
        Save(folder, 1);
        var first = Files(folder);
        Save(folder, 2);
        // A reader that read the epoch-1 manifest just before the swap still finds its files.
        Assert.All(first, f => Assert.True(File.Exists(Path.Combine(folder, f)), f));
        File.WriteAllText(Path.Combine(folder, "model-000009-deadbeef.safetensors"), "left by a killed save");
        File.WriteAllText(Path.Combine(folder, ".checkpoint.json.0123abcd.tmp"), "left by a killed save");

        Save(folder, 3);

        Assert.All(first, f => Assert.False(File.Exists(Path.Combine(folder, f)), f));
        Assert.False(File.Exists(Path.Combine(folder, "model-000009-deadbeef.safetensors")));
        Assert.False(File.Exists(Path.Combine(folder, ".checkpoint.json.0123abcd.tmp")));
        Assert.Equal(3, Checkpoint.Load(folder).Epoch);
    }

    [Fact]
    public void A_second_save_into_a_folder_being_saved_fails_at_once()
    {
        string folder = _files.PathOf("saving");
        Directory.CreateDirectory(folder);
        using var held = RunLock.Acquire(folder, "another checkpoint save");

        var e = Assert.Throws<IOException>(() => Save(folder, 1));
        Assert.Contains("in use by another checkpoint save", e.Message);
    }

    [Fact]
    public void Predicting_needs_only_the_weights_and_the_config()
    {
        string outDir = _files.PathOf("model");
        new Forecaster(new ForecastOptions { CsvPath = _files.Wave("wave.csv", rows: 60), Epochs = 1 }) { OutputDirectory = outDir }.Run();
        string folder = Path.Combine(outDir, "checkpoint");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, Checkpoint.ManifestName)))!;
        File.Delete(Path.Combine(folder, (string)manifest["optimizer"]!));

        var predictor = ForecastPredictor.Load(outDir);

        Assert.Equal(1, predictor.Epoch);
    }

    private static void Save(string folder, int epoch) =>
        new Checkpoint
        {
            Epoch = epoch,
            Weights = new Dictionary<string, Tensor> { ["w"] = Tensor.Full(epoch, 2) },
            OptimizerState = new Dictionary<string, Tensor> { ["0.momentum_buffer"] = Tensor.Ones(2) },
        }.Save(folder);

    private static string[] Files(string folder) =>
        Directory.GetFiles(folder, "*.safetensors").Select(Path.GetFileName).ToArray()!;
}
