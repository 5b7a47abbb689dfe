using System.Text.Json.Nodes;
using Recur.Optim;
using Recur.Serialization;
using Recur.Tasks.Forecasting;
using Recur.Tests.Cli;
using Recur.Tests.Forecasting;

namespace Recur.Tests.Reliability;

/// <summary>
/// A resume needs the optimizer state it continues, and an optimizer refuses a state it cannot have written (issue 16,
/// item 5). Every test here failed before: the state was silently ignored and the run continued with fresh moments.
/// </summary>
public sealed class ResumeOptimizerTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Tensor Parameter(params int[] shape)
    {
        var p = Tensor.Zeros(shape);
        p.RequiresGrad = true;
        return p;
    }

    [Fact]
    public void Adam_refuses_an_empty_state()
    {
        var adam = new Adam([Parameter(2, 3)], 0.01f);

        var e = Assert.Throws<ArgumentException>(() => adam.LoadStateDict(new Dictionary<string, Tensor>()));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Adam_refuses_another_optimizers_state_and_one_saved_for_other_parameters()
    {
        var p = Parameter(2, 3);
        p.Grad = Tensor.Ones(2, 3);
        var rmsprop = new RMSprop([p], 0.01f);
        rmsprop.Step();
        var adam = new Adam([Parameter(2, 3)], 0.01f);

        var e = Assert.Throws<ArgumentException>(() => adam.LoadStateDict(rmsprop.StateDict()));
        Assert.Contains("unexpected key '0.square_avg'", e.Message);
        var two = new Adam([Parameter(2, 3), Parameter(3)], 0.01f);
        Assert.Contains("saved for 2 parameters but this optimizer has 1",
            Assert.Throws<ArgumentException>(() => adam.LoadStateDict(two.StateDict())).Message);
    }

    [Fact]
    public void A_fresh_and_a_stepped_Adam_state_load_back()
    {
        var p = Parameter(4);
        p.Grad = Tensor.Ones(4);
        var adam = new Adam([p], 0.01f);
        new Adam([Parameter(4)], 0.01f).LoadStateDict(adam.StateDict());
        adam.Step();
        var copy = new Adam([Parameter(4)], 0.01f);
        copy.LoadStateDict(adam.StateDict());
        Assert.Equal(adam.StateDict()["0.exp_avg"].ToArray(), copy.StateDict()["0.exp_avg"].ToArray());
    }

    [Fact]
    public void Resume_without_the_optimizer_state_is_refused_unless_the_optimizer_is_reset()
    {
        var options = TrainTwoEpochs("run");
        string manifest = Path.Combine(_files.PathOf("run"), "checkpoint", Checkpoint.ManifestName);
        var json = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        json["optimizer"] = null;
        File.WriteAllText(manifest, json.ToJsonString());

        var e = Assert.Throws<InvalidDataException>(() =>
            new Forecaster(options with { Epochs = 3 }) { OutputDirectory = _files.PathOf("run"), Resume = true }.Run());
        Assert.Contains("no optimizer state", e.Message);
        var resumed = new Forecaster(options with { Epochs = 3 }) { OutputDirectory = _files.PathOf("run"), Resume = true, ResetOptimizer = true }.Run();
        Assert.Equal(3, resumed.History.Epochs.Count);
    }

    [Fact]
    public void Resume_with_an_unrelated_optimizer_file_is_refused()
    {
        var options = TrainTwoEpochs("run");
        string folder = Path.Combine(_files.PathOf("run"), "checkpoint");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, Checkpoint.ManifestName)))!.AsObject();
        // The weights file in the optimizer's place: a valid safetensors file, but not an Adam state.
        File.Copy(Path.Combine(folder, (string)json["weights"]!), Path.Combine(folder, (string)json["optimizer"]!), overwrite: true);

        var e = Assert.Throws<InvalidDataException>(() =>
            new Forecaster(options with { Epochs = 3 }) { OutputDirectory = _files.PathOf("run"), Resume = true }.Run());
        Assert.Contains("optimizer state does not fit", e.Message);
    }

    [Fact]
    public void Reset_optimizer_without_resume_is_one_line()
    {
        var (exit, output) = CliRunner.Run("forecast", "--csv", _files.Wave("wave.csv", rows: 60), "--reset-optimizer", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Contains("error: --reset-optimizer applies to a resumed run", output);
    }

    private ForecastOptions TrainTwoEpochs(string name)
    {
        var options = new ForecastOptions { CsvPath = _files.Wave("wave.csv", rows: 80), Epochs = 2, CheckpointEvery = 1 };
        new Forecaster(options) { OutputDirectory = _files.PathOf(name) }.Run();
        return options;
    }
}
