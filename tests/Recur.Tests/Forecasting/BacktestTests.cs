using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Data.Windows;
using Recur.Tasks.Forecasting;
using Recur.Tests.Cli;

namespace Recur.Tests.Forecasting;

/// <summary>Walk-forward backtests: folds that tile the test span, refitted per origin, summarised as mean ± sd.</summary>
public class BacktestTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    private ForecastOptions Wave(int epochs) => new() { CsvPath = _files.Wave("wave.csv", rows: 200), Epochs = epochs, Season = 5 };

    [Theory]
    [InlineData(WalkForwardScheme.Expanding)]
    [InlineData(WalkForwardScheme.Sliding)]
    public void Folds_tile_the_test_span_and_train_only_on_rows_before_their_block(WalkForwardScheme scheme)
    {
        var result = new Backtester(Wave(epochs: 2), new BacktestOptions { Folds = 3, Scheme = scheme }).Run();

        Assert.Equal(3, result.Folds.Count);
        var rows = result.Points.Select(p => p.Row).ToArray();
        Assert.Equal(Enumerable.Range(rows[0], rows.Length), rows);           // consecutive, no overlap
        Assert.Equal(199, rows[^1]);                                           // ending at the last row
        foreach (var fold in result.Folds)
        {
            Assert.True(fold.TrainRows.Last < fold.Points[0].Row, $"fold {fold.Number} trained on row {fold.TrainRows.Last}, its block starts at {fold.Points[0].Row}");
            // The trainer holds out the newest 20 % of the fold's training windows (ForecastOptions' default), rounded down.
            Assert.Equal((int)(fold.TrainCount * 0.2), fold.ValidationWindows);
            Assert.InRange(fold.ValidationWindows, 1, fold.TrainCount - 1);
        }
        var counts = result.Folds.Select(f => f.TrainCount).ToArray();
        if (scheme == WalkForwardScheme.Sliding) Assert.All(counts, c => Assert.Equal(counts[0], c));
        else Assert.True(counts[0] < counts[1] && counts[1] < counts[2]);
    }

    [Fact]
    public void The_summary_is_the_mean_and_sample_deviation_of_the_folds_and_the_seasonal_baseline_looks_one_season_back()
    {
        var result = new Backtester(Wave(epochs: 2), new BacktestOptions { Folds = 3 }).Run();

        var naive = result.Forecasters.Single(f => f.Key == "naive");
        var perFold = result.Folds.Select(f => f.Scores(naive).Rmse).ToArray();
        var (rmse, _, _) = result.Summary(naive);
        Assert.Equal(perFold.Average(), rmse.Mean, 12);
        double mean = perFold.Average();
        Assert.Equal(Math.Sqrt(perFold.Sum(v => (v - mean) * (v - mean)) / 2), rmse.StandardDeviation, 12);
        var close = result.Series.Column("Close");
        Assert.All(result.Points, p => Assert.Equal(close[p.Row - 5], p.SeasonalNaive![0]));
    }

    [Fact]
    public void Backtest_command_writes_the_report_chart_scores_and_json()
    {
        string outDir = _files.PathOf("bt");
        var (exit, output) = CliRunner.Run("forecast", "--csv", _files.Wave("wave.csv", rows: 160), "--backtest", "3", "--epochs", "2", "--out", outDir);

        Assert.True(exit == 0, output);
        Assert.Contains("Mean ± sd over 3 folds", output);
        foreach (string name in new[] { "report.md", "backtest.png", "backtest.csv", "backtest.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), $"{name} missing; output: {output}");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "backtest.json")))!;
        Assert.Equal(3, json["folds"]!.AsArray().Count);
        Assert.Contains((string?)json["verdict"]!["result"], new[] { "better", "no detectable difference", "worse" });
        var scores = File.ReadAllLines(Path.Combine(outDir, "backtest.csv"));
        Assert.Equal(1 + 3 * 5, scores.Length);   // 5 forecasters without a season
        // Each forecaster's summary is the mean and sample deviation of its three folds' scores in backtest.csv.
        foreach (string key in new[] { "network", "naive" })
        {
            var rmse = scores.Skip(1).Select(l => l.Split(',')).Where(c => c[1] == key).Select(c => double.Parse(c[2], CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(3, rmse.Length);
            double mean = rmse.Average();
            Assert.Equal(mean, (double)json["summary"]![key]!["rmse"]!["mean"]!, 1e-12);
            Assert.Equal(Math.Sqrt(rmse.Sum(v => (v - mean) * (v - mean)) / 2), (double)json["summary"]![key]!["rmse"]!["sd"]!, 1e-12);
        }
        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("## Mean ± sd over the folds", report);
        Assert.Contains("![", report);
        ChartAssert.IsChart(Path.Combine(outDir, "backtest.png"), 1000, 500, series: 2);   // network and default (actual is grey)
    }

    [Fact]
    public void More_folds_than_test_windows_is_one_line_naming_the_flag()
    {
        var (exit, output) = CliRunner.Run("forecast", "--csv", _files.Wave("wave.csv", rows: 60), "--backtest", "100", "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains("--backtest 100", output);
        Assert.DoesNotContain("BacktestOptions", output);
    }
}
