using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
        foreach (string name in new[] { "report.md", "loss.png", "forecast.png", "predictions.csv", "forecast.json", "checkpoint/checkpoint.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), $"{name} missing; output: {output}");
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));

        ChartAssert.IsChart(Path.Combine(outDir, "forecast.png"), 1000, 500, series: 3);   // actual, network, naive
        ChartAssert.IsChart(Path.Combine(outDir, "loss.png"), 1000, 500, series: 2);       // training, validation

        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        foreach (string field in new[] { "## Data", "## Test span", "naive persistence", "AR(7)", "MAE", "MAPE", "![", "recur forecast" })
            Assert.Contains(field, report);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "forecast.json")))!;
        Assert.Equal(300, (int)json["rows"]!);
        int windows = 300 - 7;
        Assert.Equal((int)(windows * 0.7), (int)json["train_windows"]! + (int)json["validation_windows"]!);
        Assert.Equal((int)((int)(windows * 0.7) * 0.2), (int)json["validation_windows"]!);
        Assert.Equal(windows - (int)(windows * 0.7), (int)json["test_windows"]!);
        Assert.Equal(4, (int)json["epochs"]!);

        // Every reported score is the score of the forecasts written beside it.
        var predictions = new PredictionsFile(Path.Combine(outDir, "predictions.csv"));
        Assert.Equal("row,date,actual,predicted,naive,ar7,arima,default", File.ReadLines(Path.Combine(outDir, "predictions.csv")).First());
        Assert.Equal((int)json["test_windows"]!, predictions.Count);
        predictions.AssertScores("predicted", json["network"]!);
        predictions.AssertScores("naive", json["naive"]!);
        predictions.AssertScores("ar7", json["ar"]!);
        predictions.AssertScores("arima", json["arima"]!);
        predictions.AssertScores("default", json["default"]!);
        // The actual values are the file's closes, oldest first: the test span ends at its newest row (line 3, 831.66).
        Assert.Equal(831.66, predictions.Column("actual")[^1], 1e-9);

        // The table on the console (3 decimals) and in the report (4) show the same figures.
        var network = json["network"]!;
        var printed = Regex.Match(output, @"│ LSTM network\s+│\s+([\d.]+) │\s+([\d.]+) │");
        Assert.True(printed.Success, output);
        Assert.Equal((double)network["rmse"]!, double.Parse(printed.Groups[1].Value, CultureInfo.InvariantCulture), 5e-4);
        Assert.Equal((double)network["mae"]!, double.Parse(printed.Groups[2].Value, CultureInfo.InvariantCulture), 5e-4);
        var reported = Regex.Match(report, @"\| LSTM network \| ([\d.]+) \| ([\d.]+) \|");
        Assert.True(reported.Success, report);
        Assert.Equal((double)network["rmse"]!, double.Parse(reported.Groups[1].Value, CultureInfo.InvariantCulture), 5e-5);
        Assert.Equal((double)network["mae"]!, double.Parse(reported.Groups[2].Value, CultureInfo.InvariantCulture), 5e-5);

        // The verdict in words is the tested one, and only "no detectable difference" is put down to chance.
        string result = (string)json["verdict"]!["result"]!;
        Assert.Contains(result switch
        {
            "better" => "The network is more accurate than",
            "worse" => "The network is less accurate than",
            _ => "The network shows no detectable difference from",
        }, report);
        Assert.Equal(result == "no detectable difference", report.Contains("within what chance moves", StringComparison.Ordinal));

        var (predictExit, predictOutput) = Run("predict", "--model", outDir, "--csv", GoogleSlice());
        Assert.True(predictExit == 0, predictOutput);
        // The forecast after the file's newest row: persistence's is that row's close, a combination's or the network's
        // its own figure, which predict prints beside.
        var next = Regex.Match(predictOutput, @"last known ([\d.]+); default forecaster: (\w+)[\s\S]*forecast 1 step\(s\) after the last row: ([\d.]+) \(network ([\d.]+)\)");
        Assert.True(next.Success, predictOutput);
        Assert.Equal("831.66", next.Groups[1].Value);
        Assert.Equal((string)json["default"]!["chosen"]!, next.Groups[2].Value);
        string expectedForecast = next.Groups[2].Value switch
        {
            "persistence" => next.Groups[1].Value,
            "network" => next.Groups[4].Value,
            _ => next.Groups[3].Value,   // a combination: checked by DefaultForecasterTests against the model's own prediction
        };
        Assert.Equal(expectedForecast, next.Groups[3].Value);
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
