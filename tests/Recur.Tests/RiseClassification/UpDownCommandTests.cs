using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Tests.Cli;
using Recur.Tests.Data.Text;
using Recur.Tests.Forecasting;

namespace Recur.Tests.RiseClassification;

/// <summary><c>recur updown</c> end to end, its predict path, and its refusals of bad input as one line.</summary>
public class UpDownCommandTests : IDisposable
{
    private static readonly string Samsung = RepositoryFiles.Data("stock/krx-005930-2000-2024.csv");

    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static (int Exit, string Output) Run(params string[] args) => CliRunner.Run(args);

    /// <summary>The Samsung file's oldest <paramref name="rows"/> rows (it is newest first, so its last lines), as a user's file.</summary>
    private string SamsungSlice(int rows, double scale = 1)
    {
        var lines = File.ReadAllLines(Samsung);
        var kept = lines.Skip(lines.Length - rows).Select(l =>
        {
            if (scale == 1) return l;
            var cells = l.Split(',');
            for (int i = 1; i <= 6; i++)
                if (i is 1 or 4 or 5 or 6) cells[i] = (double.Parse(cells[i], CultureInfo.InvariantCulture) * scale).ToString(CultureInfo.InvariantCulture);
            return string.Join(',', cells);
        });
        string path = _files.PathOf($"samsung-{rows}-{scale}.csv");
        File.WriteAllLines(path, kept.Prepend(lines[0]));
        return path;
    }

    [Fact]
    public void Updown_on_samsung_writes_report_charts_json_predictions_and_a_checkpoint_that_predict_reads()
    {
        string outDir = _files.PathOf("out");
        var (exit, output) = Run("updown", "--csv", Samsung, "--epochs", "2", "--bootstrap", "50", "--out", outDir);

        Assert.True(exit == 0, output);
        Assert.Contains("PR-AUC", output);
        Assert.Contains("always no", output);
        foreach (string name in new[] { "report.md", "curves.png", "rises.png", "loss.png", "predictions.csv", "updown.json", "checkpoint/checkpoint.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), $"{name} missing; output: {output}");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "updown.json")))!;
        Assert.Equal(6043, (int)json["rows"]!);
        Assert.InRange((double)json["pr_auc"]!, 0, 1);
        Assert.InRange((double)json["baselines_pr_auc"]!["logistic"]!, 0, 1);
        Assert.Equal((double)json["base_rate"]!["test"]!, (double)json["baselines_pr_auc"]!["always_no"]!, 12);
        Assert.NotNull(json["against_logistic"]!["low"]);
        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        foreach (string field in new[] { "Base rate", "PR-AUC", "ROC-AUC", "pos_weight", "## Verdict", "![", "recur updown" })
            Assert.Contains(field, report);
        int testDays = (int)json["samples"]!["test"]!;
        Assert.Equal(1 + testDays, File.ReadAllLines(Path.Combine(outDir, "predictions.csv")).Length);
        ChartAssert.IsChart(Path.Combine(outDir, "curves.png"), 1000, 500, series: 2);   // PR and ROC curves of the network and a baseline
        ChartAssert.IsChart(Path.Combine(outDir, "loss.png"), 1000, 500, series: 2);     // training and validation
        ChartAssert.IsChart(Path.Combine(outDir, "rises.png"), 1000, 500, series: 1);    // the days that rose (the calls may be none)

        var (predictExit, predictOutput) = Run("predict", "--model", outDir, "--csv", Samsung);
        Assert.True(predictExit == 0, predictOutput);
        Assert.Contains("2024-06-27", predictOutput);
        Assert.Matches(@"P\(rise of 5 % or more within 5 days\) = 0\.\d+", predictOutput);
        var (jsonExit, jsonOutput) = Run("predict", "--model", outDir, "--csv", Samsung, "--json");
        Assert.Equal(0, jsonExit);
        Assert.Equal("updown", (string?)JsonNode.Parse(jsonOutput)!["recipe"]);
    }

    [Fact]
    public void Json_output_is_one_parsable_document_with_pr_auc_and_the_baselines()
    {
        var (exit, output) = Run("updown", "--csv", SamsungSlice(700), "--epochs", "1", "--bootstrap", "20", "--out", _files.PathOf("j"), "--json");

        Assert.True(exit == 0, output);
        var json = JsonNode.Parse(output)!;
        Assert.NotNull(json["baselines_pr_auc"]!["always_no"]);
        Assert.NotNull(json["models"]!["network"]!["test"]!["confusion"]!["tp"]);
    }

    [Fact]
    public void A_series_too_short_for_the_120_day_average_is_one_line_naming_what_is_needed()
    {
        var (exit, output) = Run("updown", "--csv", SamsungSlice(100), "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains("100 rows", output);
        Assert.Contains("120-day moving average needs 120 rows", output);
        Assert.Contains("rows in all", output);
    }

    [Theory]
    [InlineData("--within", "0")]
    [InlineData("--rise", "-1")]
    [InlineData("--split", "1.5")]
    [InlineData("--window", "0")]
    [InlineData("--features", "return,moon_phase")]
    public void An_option_out_of_range_is_one_line_naming_the_flag(string flag, string value)
    {
        var (exit, output) = Run("updown", "--csv", SamsungSlice(700), flag, value, "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains(flag, output);
        Assert.DoesNotContain("RiseOptions", output);
    }

    [Fact]
    public void An_unknown_price_column_is_one_line_listing_the_columns()
    {
        var (exit, output) = Run("updown", "--csv", SamsungSlice(700), "--price", "Turnover", "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains("Turnover", output);
        Assert.Contains("Close", output);
    }

    [Fact]
    public void A_rise_no_training_day_reaches_is_one_line_naming_the_flag()
    {
        var (exit, output) = Run("updown", "--csv", SamsungSlice(700), "--rise", "90", "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains("--rise", output);
    }

    [Fact]
    public void Empty_cells_name_the_missing_flag_and_an_unwritable_output_is_refused_before_training()
    {
        string hite = RepositoryFiles.Data("stock/hite-000080-2018-2020-cp949.csv");
        var (exit, output) = Run("updown", "--csv", hite, "--epochs", "1", "--out", _files.PathOf("h"));
        Assert.Equal(1, exit);
        Assert.Contains("--missing", output);
        Assert.DoesNotContain("flags of recur forecast", output);

        string blocker = _files.PathOf("a-file");
        File.WriteAllText(blocker, "");
        var (blockedExit, blocked) = Run("updown", "--csv", SamsungSlice(700), "--epochs", "1", "--out", blocker);
        Assert.Equal(1, blockedExit);
        Assert.Contains("cannot write to the output directory", blocked);
        Assert.DoesNotContain("epoch", blocked);
    }

    [Fact]
    public void Predict_warns_when_a_level_feature_lies_far_outside_its_training_range()
    {
        string model = _files.PathOf("levels");
        var (trainExit, trainOutput) = Run("updown", "--csv", SamsungSlice(700), "--features", "close,return", "--epochs", "1", "--bootstrap", "0", "--out", model);
        Assert.True(trainExit == 0, trainOutput);

        var (exit, output) = Run("predict", "--model", model, "--csv", SamsungSlice(700, scale: 0.01));

        Assert.Equal(0, exit);
        Assert.Contains("warning:", output);
        Assert.Contains("close runs", output);
        Assert.Contains("far below", output);
    }
}
