using System.Text.Json.Nodes;
using Recur.Tests.Cli;
using Recur.Tests.Data.Text;

namespace Recur.Tests.Forecasting;

public class ForecastCommandTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static (int Exit, string Output) Run(params string[] args) => CliRunner.Run(args);

    /// <summary>The first 300 rows of the bundled GOOG file (newest first, no dates), as a user's own CSV.</summary>
    private string GoogleSlice()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Data("stock/data-02-stock_daily.csv"));
        string path = _files.PathOf("goog-slice.csv");
        File.WriteAllLines(path, lines.Take(2 + 300));
        return path;
    }

    [Fact]
    public void Forecast_writes_report_charts_predictions_json_and_checkpoint()
    {
        string outDir = _files.PathOf("out");
        var (exit, output) = Run("forecast", "--csv", GoogleSlice(), "--order", "newest-first", "--epochs", "4", "--out", outDir);

        Assert.True(exit == 0, output);
        Assert.Contains("naive", output);
        Assert.Contains("RMSE", output);
        foreach (string name in new[] { "report.md", "loss.png", "forecast.png", "predictions.csv", "forecast.json", "checkpoint/checkpoint.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), $"{name} missing; output: {output}");
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));

        // PNG signature, and a picture of some size.
        var png = File.ReadAllBytes(Path.Combine(outDir, "forecast.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.True(png.Length > 10_000);

        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        foreach (string field in new[] { "## Data", "## Test span", "naive persistence", "AR(7)", "RMSE", "MAE", "MAPE", "![", "recur forecast" })
            Assert.Contains(field, report);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "forecast.json")))!;
        Assert.Equal(300, (int)json["rows"]!);
        int windows = 300 - 7;
        Assert.Equal((int)(windows * 0.7), (int)json["train_windows"]!);
        Assert.Equal(windows - (int)(windows * 0.7), (int)json["test_windows"]!);
        Assert.True((double)json["network"]!["rmse"]! > 0);
        Assert.Equal(4, (int)json["epochs"]!);

        var predictions = File.ReadAllLines(Path.Combine(outDir, "predictions.csv"));
        Assert.Equal("row,date,actual,predicted,naive,ar7", predictions[0]);
        Assert.Equal(1 + (int)json["test_windows"]!, predictions.Length);

        var (predictExit, predictOutput) = Run("predict", "--model", outDir, "--csv", GoogleSlice());
        Assert.True(predictExit == 0, predictOutput);
        Assert.Contains("forecast 1 step(s) after the last row", predictOutput);
    }

    [Fact]
    public void Json_output_is_one_parsable_document()
    {
        var (exit, output) = Run("forecast", "--csv", GoogleSlice(), "--order", "newest-first", "--epochs", "2", "--out", _files.PathOf("j"), "--json");

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(output)!;
        Assert.NotNull(json["naive"]!["rmse"]);
    }

    [Fact]
    public void An_unknown_column_is_one_line_that_lists_the_columns_that_exist()
    {
        var (exit, output) = Run("forecast", "--csv", GoogleSlice(), "--order", "newest-first", "--target", "Turnover", "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains("Turnover", output);
        Assert.Contains("Close", output);
    }

    [Fact]
    public void A_window_longer_than_the_series_is_one_line()
    {
        var (exit, output) = Run("forecast", "--csv", GoogleSlice(), "--order", "newest-first", "--window", "400", "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.StartsWith("error:", output.Trim());
    }

    [Fact]
    public void A_directory_that_is_not_a_checkpoint_is_refused_by_predict()
    {
        Directory.CreateDirectory(_files.PathOf("empty"));
        var (exit, output) = Run("predict", "--model", _files.PathOf("empty"), "--csv", GoogleSlice());

        Assert.Equal(1, exit);
        Assert.Contains("is not a Recur model", output);
    }

    [Fact]
    public void An_output_directory_that_cannot_be_written_is_one_line_and_nothing_is_trained()
    {
        string blocker = _files.PathOf("a-file");
        File.WriteAllText(blocker, "");
        var (exit, output) = Run("forecast", "--csv", GoogleSlice(), "--order", "newest-first", "--epochs", "1", "--out", blocker);

        Assert.Equal(1, exit);
        Assert.Contains("cannot write to the output directory", output);
        Assert.DoesNotContain("epoch", output);
    }

    [Fact]
    public void Hite_file_with_empty_cells_fails_naming_the_line_unless_a_missing_value_policy_is_chosen()
    {
        string hite = RepositoryFiles.Data("stock/hite-000080-2018-2020-cp949.csv");
        var (exit, output) = Run("forecast", "--csv", hite, "--epochs", "1", "--out", _files.PathOf("h1"));
        Assert.Equal(1, exit);
        Assert.Contains(":2", output); // the newest row, line 2, has only the opening price

        string outDir = _files.PathOf("h2");
        var (skipExit, skipOutput) = Run("forecast", "--csv", hite, "--missing", "skip", "--epochs", "1", "--out", outDir);
        Assert.True(skipExit == 0, skipOutput);
        Assert.Contains("note:", skipOutput);
        Assert.Equal(508, (int)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "forecast.json")))!["rows"]!);
    }
}
