using System.Text.Json.Nodes;
using Recur.Data.Prices;
using Recur.Tasks.Forecasting;
using Recur.Tests.Data.Text;

namespace Recur.Tests.Forecasting;

/// <summary>The checkpoint keeps the row order of a file without dates, and older checkpoints' spelling of it still reads.</summary>
public class ForecastCheckpointOrderTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    private ForecastOptions GoogleCopy(DatelessRowOrder order)
    {
        string path = _files.PathOf("goog.csv");
        File.Copy(RepositoryFiles.Data("stock/stock_daily.csv"), path, overwrite: true);
        return new ForecastOptions { CsvPath = path, DatelessOrder = order, Epochs = 1 };
    }

    /// <summary>Rewrites the checkpoint's data section as checkpoints before the three-way order wrote it.</summary>
    private void SpellTheOrderAsBefore(string outDir, bool newestFirst)
    {
        string manifest = Path.Combine(outDir, Forecaster.CheckpointFolder, "checkpoint.json");
        var json = JsonNode.Parse(File.ReadAllText(manifest))!;
        var data = json["config"]!["data"]!.AsObject();
        Assert.True(data.Remove("order_without_dates"));
        data["newest_first_without_dates"] = newestFirst;
        File.WriteAllText(manifest, json.ToJsonString());
    }

    [Theory]
    [InlineData(DatelessRowOrder.NewestFirst, "newest-first")]
    [InlineData(DatelessRowOrder.OldestFirst, "oldest-first")]
    [InlineData(DatelessRowOrder.Unspecified, null)]
    public void The_config_writes_the_order_by_name_and_reads_it_back(DatelessRowOrder order, string? name)
    {
        var options = new ForecastOptions { CsvPath = "x.csv", DatelessOrder = order };
        var json = new ForecastConfig(options, new Recur.Data.Scaling.MinMaxScaler(), new Recur.Data.Scaling.MinMaxScaler()).ToJson();

        Assert.Equal(name, (string?)json["data"]!["order_without_dates"]);
        Assert.Equal(order, ForecastConfig.FromJson(json, "test").Options.DatelessOrder);
    }

    [Fact]
    public void A_model_predicts_from_a_new_file_read_in_its_training_order()
    {
        var options = GoogleCopy(DatelessRowOrder.NewestFirst);
        new Forecaster(options) { OutputDirectory = _files.PathOf("model") }.Run();
        var predictor = ForecastPredictor.Load(_files.PathOf("model"));

        Assert.Equal(831.659973, predictor.Predict(options.CsvPath).LastValue);   // the newest close: the first data line
        Assert.Equal(558.462551, predictor.Predict(options.CsvPath, DatelessRowOrder.OldestFirst).LastValue);
    }

    [Theory]
    [InlineData(true, DatelessRowOrder.NewestFirst)]
    [InlineData(false, DatelessRowOrder.Unspecified)]   // the old default kept file order by guess; it is not a statement
    public void An_older_checkpoint_spelling_the_order_as_a_bool_still_loads(bool newestFirst, DatelessRowOrder expected)
    {
        var options = GoogleCopy(DatelessRowOrder.NewestFirst);
        new Forecaster(options) { OutputDirectory = _files.PathOf("model") }.Run();
        SpellTheOrderAsBefore(_files.PathOf("model"), newestFirst);

        Assert.Equal(expected, ForecastPredictor.Load(_files.PathOf("model")).Config.Options.DatelessOrder);
    }

    [Fact]
    public void An_older_checkpoint_spelling_the_same_order_resumes()
    {
        var options = GoogleCopy(DatelessRowOrder.NewestFirst);
        new Forecaster(options) { OutputDirectory = _files.PathOf("run") }.Run();
        SpellTheOrderAsBefore(_files.PathOf("run"), newestFirst: true);

        var resumed = new Forecaster(options with { Epochs = 2 }) { OutputDirectory = _files.PathOf("run"), Resume = true }.Run();
        Assert.Equal(1, resumed.ResumedAfterEpoch);
    }
}
