using Recur.Serialization;
using Recur.Tasks.Forecasting;
using Recur.Tasks.TextClassification;
using Recur.Tests.Forecasting;
using Recur.Tests.TextClassification;

namespace Recur.Tests.Reliability;

/// <summary>
/// N epochs straight and N/2 epochs then a resume give the same weights and loss history bit for bit, also when the run
/// draws dropout masks and shuffles its batches (issue 16, item 1).
/// </summary>
public sealed class ExactResumeTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Forecast_with_two_layers_and_dropout_resumes_bit_for_bit()
    {
        string csv = _files.Wave("wave.csv", rows: 120);
        var options = new ForecastOptions { CsvPath = csv, Epochs = 6, BatchSize = 16, CheckpointEvery = 3, Seed = 7, Layers = 2, Dropout = 0.3f };
        var straight = new Forecaster(options) { OutputDirectory = _files.PathOf("straight") }.Run();

        new Forecaster(options with { Epochs = 3 }) { OutputDirectory = _files.PathOf("resumed") }.Run();
        var resumed = new Forecaster(options) { OutputDirectory = _files.PathOf("resumed"), Resume = true }.Run();

        Assert.Equal(3, resumed.ResumedAfterEpoch);
        Assert.Equal(straight.History.Epochs.Select(e => e.Loss), resumed.History.Epochs.Select(e => e.Loss));
        Assert.Equal(straight.History.Epochs.Select(e => e.ValidationLoss), resumed.History.Epochs.Select(e => e.ValidationLoss));
        AssertSameWeights(_files.PathOf("straight"), _files.PathOf("resumed"));
    }

    [Fact]
    public void Classify_with_shuffled_batches_and_dropout_resumes_bit_for_bit()
    {
        string csv = Reviews("reviews.csv", 48);
        var options = new ClassifyOptions
        {
            Corpus = TextCorpus.Csv, DataPath = csv, TextColumn = "review", LabelColumn = "sentiment", EmbeddingSize = 4, Hidden = 4,
            Dropout = 0.5f, BatchSize = 8, Epochs = 4, Patience = null, Seed = 3,
        };
        var straight = new TextClassifier(options) { OutputDirectory = _files.PathOf("straight") }.Run();

        new TextClassifier(options with { Epochs = 2 }) { OutputDirectory = _files.PathOf("resumed") }.Run();
        var resumed = new TextClassifier(options) { OutputDirectory = _files.PathOf("resumed"), Resume = true }.Run();

        Assert.Equal(2, resumed.ResumedAfterEpoch);
        Assert.Equal(straight.History.Epochs.Select(e => e.Loss), resumed.History.Epochs.Select(e => e.Loss));
        Assert.Equal(straight.History.Epochs.Select(e => e.ValidationLoss), resumed.History.Epochs.Select(e => e.ValidationLoss));
        AssertSameWeights(_files.PathOf("straight"), _files.PathOf("resumed"));
    }

    private static void AssertSameWeights(string first, string second)
    {
        var a = Checkpoint.Load(Path.Combine(first, "checkpoint"));
        var b = Checkpoint.Load(Path.Combine(second, "checkpoint"));
        Assert.Equal(a.Epoch, b.Epoch);
        Assert.Equal(a.Weights.Keys, b.Weights.Keys);
        foreach (var (name, tensor) in a.Weights) Assert.Equal(tensor.ToArray(), b.Weights[name].ToArray());
    }

    private string Reviews(string name, int rows) => ReviewCorpus.Write(_files.PathOf(name), rows);
}
