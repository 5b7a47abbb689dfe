using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Recur.Serialization;
using Recur.Tasks.Forecasting;
using Recur.Tests.Forecasting;

namespace Recur.Tests.Reliability;

/// <summary>
/// What can be checked without the network is checked before anything is allocated or trained (issue 16, item 3).
/// Every test failed before: the edited configs built (or tried to build) their network first, the baselines failed
/// after the whole training, and a non-finite number in a checkpoint made the serializer throw.
/// </summary>
public sealed class ChecksBeforeTrainingTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("hidden", 23000)]
    [InlineData("layers", 1_000_000)]
    public void An_edited_config_is_checked_against_the_weights_before_the_network_is_built(string key, int value)
    {
        new Forecaster(new ForecastOptions { CsvPath = _files.Wave("wave.csv", rows: 60), Epochs = 1 }) { OutputDirectory = _files.PathOf("model") }.Run();
        string manifest = Path.Combine(_files.PathOf("model"), "checkpoint", Checkpoint.ManifestName);
        var json = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        json["config"]!["model"]![key] = value;
        File.WriteAllText(manifest, json.ToJsonString());

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => ForecastPredictor.Load(_files.PathOf("model")));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("parameters but the weights hold", e.Message);
        // hidden 23,000 is 8.5 GB of LSTM weights; the refusal reads only the manifest and the small weights file.
        Assert.InRange(allocated, 0, 64L << 20);
    }

    [Fact]
    public void A_network_too_large_for_memory_is_refused_with_its_estimate_before_anything_is_allocated()
    {
        var options = new ForecastOptions { CsvPath = _files.Wave("wave.csv", rows: 60), Epochs = 1, Hidden = 30_000, Layers = 4 };

        var e = Assert.Throws<ForecastSettingException>(() => new Forecaster(options).Run());

        Assert.Equal(ForecastSetting.Hidden, e.Setting);
        Assert.Matches(@"needs about [\d.]+ GB .* more than the [\d.]+ GB this process can use", e.Message);
    }

    [Fact]
    public void A_series_the_baselines_cannot_fit_fails_before_the_first_epoch()
    {
        // A constant close: the AR baseline's least squares has no unique solution.
        var text = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
        var day = new DateOnly(2020, 1, 2);
        for (int i = 0; i < 80; i++)
            text.Append(CultureInfo.InvariantCulture, $"{day.AddDays(i):yyyy-MM-dd},{100 + Math.Sin(i):0.000},{102 + Math.Sin(i):0.000},{98:0.000},100,{1000 + i}\n");
        File.WriteAllText(_files.PathOf("flat.csv"), text.ToString());
        int epochs = 0;
        var forecaster = new Forecaster(new ForecastOptions { CsvPath = _files.PathOf("flat.csv"), Epochs = 5 });
        forecaster.EpochCompleted += _ => epochs++;

        var e = Assert.ThrowsAny<Exception>(() => forecaster.Run());
        Assert.Contains("least squares", e.Message);
        Assert.Equal(0, epochs);
    }

    [Fact]
    public void Non_finite_numbers_in_a_checkpoints_config_are_written_as_strings_not_a_serializer_crash()
    {
        string folder = _files.PathOf("nonfinite");
        new Checkpoint
        {
            Epoch = 1, Weights = new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2) },
            Config = new JsonObject { ["rmse"] = double.PositiveInfinity, ["scores"] = new JsonArray(double.NaN, 1.5, float.NegativeInfinity) },
        }.Save(folder);

        var config = Checkpoint.Load(folder).Config;
        Assert.Equal("Infinity", (string?)config["rmse"]);
        Assert.Equal(["NaN", "1.5", "-Infinity"], config["scores"]!.AsArray().Select(n => n!.ToJsonString().Trim('"')));
    }
}
