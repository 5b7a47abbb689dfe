using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Recur.Data.Prices;
using Recur.Serialization;
using Recur.Tasks.Forecasting;
using Recur.Tests.Cli;
using Recur.Tests.Data.Text;

namespace Recur.Tests.Forecasting;

/// <summary>The run's default forecaster, its record in the checkpoint and in predict, and predict's range warning.</summary>
public class DefaultForecasterTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void On_google_the_default_is_never_worse_than_persistence_on_the_validation_span()
    {
        var result = new Forecaster(new ForecastOptions
        {
            CsvPath = RepositoryFiles.Data("stock/data-02-stock_daily.csv"), DatelessOrder = DatelessRowOrder.NewestFirst, Epochs = 20,
        }).Run();

        var choice = result.Choice;
        Assert.Equal(101, choice.ValidationWindows);
        Assert.True(choice.CombinationRmse <= choice.PersistenceRmse);
        // Whatever was chosen, the default's test forecasts are persistence plus that share of the network's correction.
        Assert.All(result.Test, p => Assert.Equal(p.Naive[0] + choice.Weight * (p.Predicted[0] - p.Naive[0]), p.Default[0], 9));
        Assert.True(choice.Kind != ForecasterKind.Persistence || result.TheilU == 1);
    }

    [Fact]
    public void On_a_predictable_wave_the_network_is_kept_beats_persistence_and_predict_uses_the_choice()
    {
        string csv = _files.Wave("wave.csv", rows: 300);
        var result = new Forecaster(new ForecastOptions { CsvPath = csv, Epochs = 300 }) { OutputDirectory = _files.PathOf("model") }.Run();

        Assert.NotEqual(ForecasterKind.Persistence, result.Choice.Kind);
        Assert.True(result.TheilU < 1, $"Theil's U {result.TheilU}");
        var saved = Checkpoint.Load(Path.Combine(_files.PathOf("model"), Forecaster.CheckpointFolder)).Config["default_forecaster"]!;
        Assert.Equal(result.Choice.Name, (string?)saved["kind"]);

        var point = result.Test[5];
        var next = ForecastPredictor.Load(_files.PathOf("model")).Predict(_files.Wave("cut.csv", rows: 300, take: point.Row));
        Assert.Equal(point.Default[0], next.Default[0], 4);
        Assert.Equal(result.Choice.Kind, next.Choice.Kind);
        Assert.Empty(next.Warnings);
    }

    [Fact]
    public void Json_says_which_forecaster_was_chosen_its_test_rmse_and_why_and_gives_a_tested_verdict()
    {
        var (exit, output) = CliRunner.Run("forecast", "--csv", _files.Wave("wave.csv", rows: 120), "--epochs", "3", "--out", _files.PathOf("j"), "--json");

        Assert.True(exit == 0, output);
        var json = JsonNode.Parse(output)!;
        Assert.Contains((string?)json["default"]!["chosen"], new[] { "persistence", "network", "combination" });
        // The default's scores are those of the default column written beside the forecasts; persistence's are naive's.
        var predictions = new PredictionsFile(Path.Combine(_files.PathOf("j"), "predictions.csv"));
        predictions.AssertScores("default", json["default"]!);
        if ((string?)json["default"]!["chosen"] == "persistence") Assert.Equal(predictions.Column("naive"), predictions.Column("default"));
        Assert.False(string.IsNullOrWhiteSpace((string?)json["default"]!["reason"]));
        Assert.Contains((string?)json["verdict"]!["result"], new[] { "better", "no detectable difference", "worse" });
        Assert.InRange((double)json["verdict"]!["p_value"]!, 0, 1);
        Assert.Equal(3, json["arima_order"]!.AsArray().Count);
    }

    [Fact]
    public void Predict_warns_when_the_new_file_lies_far_outside_the_training_range()
    {
        string model = _files.PathOf("model");
        var (trainExit, trainOutput) = CliRunner.Run("forecast", "--csv", _files.Wave("wave.csv", rows: 120), "--epochs", "2", "--out", model);
        Assert.True(trainExit == 0, trainOutput);
        // The same shape at a tenth of the price: a $10 series for a model trained near $100.
        string cheap = _files.PathOf("cheap.csv");
        var lines = File.ReadAllLines(_files.PathOf("wave.csv"));
        File.WriteAllLines(cheap, lines.Take(1).Concat(lines.Skip(1).Select(l =>
        {
            var cells = l.Split(',');
            return string.Join(',', cells.Select((c, i) => i is >= 1 and <= 4 ? (double.Parse(c, CultureInfo.InvariantCulture) / 10).ToString(CultureInfo.InvariantCulture) : c));
        })));

        var (exit, output) = CliRunner.Run("predict", "--model", model, "--csv", cheap);
        var (sameExit, same) = CliRunner.Run("predict", "--model", model, "--csv", _files.PathOf("wave.csv"));

        Assert.Equal(0, exit);
        Assert.Contains("warning:", output);
        Assert.Contains("far below", output);
        Assert.Contains("Close", output);
        Assert.Equal(0, sameExit);
        Assert.DoesNotContain("warning:", same);
    }

    [Fact]
    public void Us_dates_that_no_day_disambiguates_are_one_line_naming_date_format_and_read_with_it()
    {
        var text = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
        int i = 0;
        for (int month = 1; month <= 6; month++)
            for (int day = 1; day <= 12; day++, i++)
                text.Append(CultureInfo.InvariantCulture,
                    $"{month:00}/{day:00}/2020,{100 + Math.Sin(i / 5.0):0.00},{101 + Math.Sin(i / 5.0):0.00},{99 + Math.Sin(i / 5.0):0.00},{100 + Math.Sin(i / 4.0) + 0.01 * (i % 3):0.00},{1000 + 10 * (i % 7)}\n");
        string csv = _files.PathOf("us.csv");
        File.WriteAllText(csv, text.ToString());

        var (exit, output) = CliRunner.Run("forecast", "--csv", csv, "--epochs", "1", "--out", _files.PathOf("a"));
        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains("--date-format", output);
        Assert.DoesNotContain("PriceSeriesOptions", output);

        string outDir = _files.PathOf("b");
        var (okExit, okOutput) = CliRunner.Run("forecast", "--csv", csv, "--date-format", "MM/DD/YYYY", "--epochs", "1", "--out", outDir);
        Assert.True(okExit == 0, okOutput);
        Assert.Contains(",2020-06-12,", File.ReadAllText(Path.Combine(outDir, "predictions.csv")));
    }
}
