using System.Text.Json.Nodes;
using Recur.Tests.Cli;
using Recur.Tests.Data.Text;

namespace Recur.Tests.Forecasting;

/// <summary>
/// A price file without dates is read in the order the user (or the bundled data's manifest) states, never a guessed
/// one; the checkpoint keeps the order for <c>recur predict</c> (issue 10, item 3).
/// </summary>
public class DatelessOrderCommandTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A copy of a bundled GOOG file (newest first, no dates) where no manifest vouches for it.</summary>
    private string CopyOf(string bundledName, string copyName = "goog.csv")
    {
        string path = _files.PathOf(copyName);
        File.Copy(RepositoryFiles.Data("stock/" + bundledName), path);
        return path;
    }

    /// <summary>The test-span scores of a two-epoch run, as forecast.json gives them.</summary>
    private (double Network, double Naive, double Ar, int Rows) Scores(string outName, params string[] args)
    {
        string outDir = _files.PathOf(outName);
        var (exit, output) = CliRunner.Run(["forecast", .. args, "--epochs", "2", "--out", outDir, "--json"]);
        Assert.True(exit == 0, output);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "forecast.json")))!;
        return ((double)json["network"]!["rmse"]!, (double)json["naive"]!["rmse"]!, (double)json["ar"]!["rmse"]!, (int)json["rows"]!);
    }

    [Theory]
    [InlineData("data-02-stock_daily.csv", "bundled", null)]
    [InlineData("stock_daily.csv", "bundled", null)]
    [InlineData("data-02-stock_daily.csv", "copy", "--order newest-first")]
    [InlineData("stock_daily.csv", "copy", "--newest-first")]
    public void The_goog_file_named_with_csv_gives_the_default_runs_figures(string name, string where, string? order)
    {
        string csv = where == "bundled" ? RepositoryFiles.Data("stock/" + name) : CopyOf(name);
        var byDefault = Scores("default");
        var named = Scores("named", ["--csv", csv, .. order?.Split(' ') ?? []]);

        Assert.Equal(732, named.Rows);
        Assert.Equal(byDefault, named);
        Assert.Equal(8.00, named.Naive, 2);   // DESIGN.md §8: persistence on GOOG's test span, time running forward
    }

    [Fact]
    public void A_copy_without_dates_and_without_order_fails_in_one_line_naming_the_file_and_order()
    {
        string csv = CopyOf("data-02-stock_daily.csv");
        var (exit, output) = CliRunner.Run("forecast", "--csv", csv, "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.StartsWith("error:", output.Trim());
        Assert.Contains(csv, output);
        Assert.Contains("--order newest-first", output);
        Assert.Contains("--order oldest-first", output);
        Assert.False(Directory.Exists(Path.Combine(_files.PathOf("x"), "checkpoint")), "nothing is trained");
    }

    [Fact]
    public void Newest_first_contradicting_order_is_one_line()
    {
        var (exit, output) = CliRunner.Run("forecast", "--csv", CopyOf("stock_daily.csv"), "--newest-first", "--order", "oldest-first",
            "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains("--newest-first contradicts --order oldest-first", output);
    }

    [Fact]
    public void An_edited_copy_beside_the_manifest_is_not_trusted()
    {
        string folder = _files.PathOf("stock");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryFiles.Data("stock/row-order.json"), Path.Combine(folder, "row-order.json"));
        var lines = File.ReadAllLines(RepositoryFiles.Data("stock/stock_daily.csv"));
        string edited = Path.Combine(folder, "stock_daily.csv");
        File.WriteAllLines(edited, lines.Take(lines.Length - 1));   // the oldest day removed: other bytes, same name

        var (exit, output) = CliRunner.Run("forecast", "--csv", edited, "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Contains("--order", output);
    }

    [Fact]
    public void Predict_reads_a_new_file_in_the_order_the_checkpoint_recorded_unless_told_otherwise()
    {
        string model = _files.PathOf("model");
        var (trainExit, trainOutput) = CliRunner.Run("forecast", "--csv", CopyOf("stock_daily.csv"), "--order", "newest-first",
            "--epochs", "1", "--out", model);
        Assert.True(trainExit == 0, trainOutput);

        string newFile = CopyOf("data-02-stock_daily.csv", "new.csv");
        var (exit, output) = CliRunner.Run("predict", "--model", model, "--csv", newFile);
        Assert.True(exit == 0, output);
        Assert.Contains("last known 831.66", output);   // the newest close: the file's first data line

        var (overrideExit, overrideOutput) = CliRunner.Run("predict", "--model", model, "--csv", newFile, "--order", "oldest-first");
        Assert.True(overrideExit == 0, overrideOutput);
        Assert.Contains("last known 558.463", overrideOutput);
    }

    [Fact]
    public void The_no_date_column_note_is_printed_once_in_command_line_words()
    {
        var (exit, output) = CliRunner.Run("forecast", "--csv", CopyOf("stock_daily.csv"), "--order", "newest-first",
            "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.True(exit == 0, output);
        Assert.Single(output.Split('\n'), line => line.Contains("date column", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("PriceSeriesOptions", output);
    }
}
