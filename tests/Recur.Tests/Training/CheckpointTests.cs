using System.Text.Json.Nodes;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Serialization;
using Recur.Training;

namespace Recur.Tests.Training;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"recur-ckpt-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static TensorDataset Data()
    {
        var g = new Generator(2);
        var x = Tensor.Uniform(g, -1f, 1f, 96, 4, 2);
        var y = Tensor.Zeros(96, 1);
        for (int i = 0; i < 96; i++) y[i, 0] = x[i, 0, 0] - x[i, 3, 1];
        return new TensorDataset(x, y);
    }

    private sealed class Forecaster : Layer
    {
        private readonly Nn.Keras.KerasLSTM _lstm;
        private readonly Linear _head;

        public Forecaster()
        {
            var g = new Generator(4);
            _lstm = RegisterModule("lstm", new Nn.Keras.KerasLSTM(6, generator: g, inputSize: 2));
            _head = RegisterModule("head", new Linear(6, 1, generator: g));
        }

        public override Tensor Forward(Tensor input) => _head.Forward(_lstm.Forward(input));
    }

    private static (Trainer Trainer, Forecaster Model) Make(int epochs, string? checkpoints)
    {
        var model = new Forecaster();
        var optimizer = new Adam(model.Parameters(), 0.01f);
        var trainer = new Trainer(model, new MSELoss(), optimizer, new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = 9 })
        {
            Schedule = new StepLR(optimizer, stepSize: 3, gamma: 0.5f),
            CheckpointDirectory = checkpoints,
            CheckpointConfig = new JsonObject { ["model"] = "forecaster", ["hidden"] = 6 },
        };
        return (trainer, model);
    }

    [Fact]
    public void Training_ten_epochs_equals_five_then_resume_five_bit_for_bit()
    {
        var data = Data();
        var (straight, straightModel) = Make(10, null);
        var full = straight.Fit(data, data);

        var (first, _) = Make(5, _dir);
        first.Fit(data, data);
        var checkpoint = Checkpoint.Load(_dir);
        Assert.Equal(5, checkpoint.Epoch);
        var (second, resumedModel) = Make(10, null);
        var resumed = second.Fit(data, data, resumeFrom: checkpoint);

        Assert.Equal(full.Epochs.Select(e => e.Loss), resumed.Epochs.Select(e => e.Loss));
        Assert.Equal(full.Epochs.Select(e => e.ValidationLoss), resumed.Epochs.Select(e => e.ValidationLoss));
        Assert.Equal(full.Epochs.Select(e => e.LearningRate), resumed.Epochs.Select(e => e.LearningRate));
        foreach (var (name, p) in straightModel.NamedParameters())
            Assert.Equal(p.ToArray(), resumedModel.StateDict()[name].ToArray());
    }

    [Fact]
    public void Best_checkpoint_holds_the_epoch_with_the_lowest_validation_loss()
    {
        var data = Data();
        var (trainer, model) = Make(12, null);
        string best = Path.Combine(_dir, "best");
        trainer = new Trainer(model, new MSELoss(), new Adam(model.Parameters(), 0.05f), trainer.Options) { BestCheckpointDirectory = best };
        var history = trainer.Fit(data, data);

        var checkpoint = Checkpoint.Load(best);
        var bestEpoch = history.Epochs.MinBy(e => e.ValidationLoss!.Value)!;
        Assert.Equal(bestEpoch.Epoch, checkpoint.Epoch);
        // The saved weights reproduce the best epoch's validation loss.
        model.LoadStateDict(checkpoint.Weights);
        Assert.Equal(bestEpoch.ValidationLoss!.Value, trainer.Evaluate(data));
    }

    [Fact]
    public void Checkpoint_round_trips_weights_optimizer_state_and_config()
    {
        var (trainer, model) = Make(2, _dir);
        trainer.Fit(Data());
        var checkpoint = Checkpoint.Load(_dir);

        Assert.Equal(2, checkpoint.Epoch);
        Assert.Equal(["head.bias", "head.weight", "lstm.bias_ih_l0", "lstm.weight_hh_l0", "lstm.weight_ih_l0"], checkpoint.Weights.Keys.Order());
        Assert.Equal(model.StateDict()["head.weight"].ToArray(), checkpoint.Weights["head.weight"].ToArray());
        Assert.Equal(12f, checkpoint.OptimizerState!["0.step"].Item()); // 2 epochs × 6 batches
        Assert.Equal(6, checkpoint.Config["hidden"]!.GetValue<int>());
        // Two sets of tensor files: the second epoch's, and the first epoch's, kept one more save for readers that read
        // the manifest just before it was replaced (issue 16); older sets are removed.
        Assert.Equal(4, Directory.GetFiles(_dir, "*.safetensors").Length);
    }

    [Fact]
    public void A_failed_save_leaves_the_previous_checkpoint_in_force()
    {
        new Checkpoint { Epoch = 1, Weights = new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2) } }.Save(_dir);
        var bad = new Checkpoint { Epoch = 2, Weights = new Dictionary<string, Tensor> { [""] = Tensor.Ones(2) } };

        Assert.ThrowsAny<ArgumentException>(() => bad.Save(_dir));
        var loaded = Checkpoint.Load(_dir);
        Assert.Equal(1, loaded.Epoch);
        Assert.Equal([1f, 1f], loaded.Weights["w"].ToArray());
    }

    [Fact]
    public void Directory_without_a_manifest_is_not_a_checkpoint()
    {
        Directory.CreateDirectory(_dir);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_dir));
        Assert.Contains("is not a Recur checkpoint", e.Message);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{"format":"something-else"}""", "not a Recur checkpoint")]
    [InlineData("""{"format":"recur-checkpoint","version":99,"epoch":1,"weights":"w.safetensors"}""", "version 99 is newer")]
    [InlineData("""{"format":"recur-checkpoint","version":1,"epoch":1,"weights":"gone.safetensors"}""", "'gone.safetensors', which is missing")]
    [InlineData("""{"format":"recur-checkpoint","version":1,"epoch":"x","weights":"w.safetensors"}""", "'epoch' is not a Int32")]
    public void Corrupt_or_incompatible_manifest_is_named(string manifest, string expected)
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, Checkpoint.ManifestName), manifest);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_dir));
        Assert.Contains(expected, e.Message);
        Assert.Contains(Checkpoint.ManifestName, e.Message + Checkpoint.ManifestName);
    }

    [Fact]
    public void Truncated_weights_file_is_an_error()
    {
        new Checkpoint { Epoch = 1, Weights = new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(64) } }.Save(_dir);
        var weights = Directory.GetFiles(_dir, "model-*.safetensors").Single();
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length - 10)]);

        Assert.ThrowsAny<InvalidDataException>(() => Checkpoint.Load(_dir));
    }

    [Fact]
    public void Adam_state_round_trip_continues_identically()
    {
        Tensor Param() => Tensor.FromArray([1f, -2f, 3f], 3);
        var a = Param();
        var b = Param();
        var optA = new Adam([a], 0.1f);
        for (int i = 0; i < 3; i++) { a.Grad = Tensor.FromArray([0.5f * i, -1f, 2f], 3); optA.Step(); }
        b.Span.Clear();
        a.Span.CopyTo(b.Span);
        var optB = new Adam([b], 0.1f);
        optB.LoadStateDict(optA.StateDict());

        a.Grad = b.Grad = Tensor.FromArray([0.3f, 0.1f, -0.7f], 3);
        optA.Step();
        optB.Step();
        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
