using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Serialization;
using Recur.Tests.Serialization;
using Recur.Training;

namespace Recur.Tests.Training;

/// <summary>Metrics in the training loop: per epoch on the training batches and on validation, in checkpoints, on resume.</summary>
public sealed class TrainerMetricTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    private string Dir => _scratch.Path;

    public void Dispose() => _scratch.Dispose();

    /// <summary>Three classes of points around three centres, with noise so no epoch is perfect.</summary>
    private static TensorDataset Blobs(int n = 150, ulong seed = 3)
    {
        var g = new Generator(seed);
        var noise = Tensor.Normal(g, 0f, 1.2f, n, 2);
        var x = Tensor.Zeros(n, 2);
        var labels = new int[n];
        float[,] centres = { { 2f, 0f }, { -1f, 2f }, { -1f, -2f } };
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 3;
            x[i, 0] = centres[labels[i], 0] + noise[i, 0];
            x[i, 1] = centres[labels[i], 1] + noise[i, 1];
        }
        return new TensorDataset(x, labels);
    }

    private static (Trainer Trainer, Linear Model) Classifier(int epochs, float lr = 0.05f, string? checkpoints = null, params Metric[] metrics)
    {
        var model = new Linear(2, 3, generator: new Generator(11));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr),
            new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = 5 }, metrics)
        {
            CheckpointDirectory = checkpoints,
        };
        return (trainer, model);
    }

    /// <summary>Counts the samples it is given and records whether gradients were being recorded meanwhile.</summary>
    private sealed class SampleCount() : Metric("samples")
    {
        private long _samples;

        public bool SawGradientRecording { get; private set; }

        public override double Value => _samples;

        public override void Update(Tensor outputs, Tensor targets)
        {
            SawGradientRecording |= NoGradScope.GradEnabled;
            _samples += outputs.Dim(0);
        }

        public override void Reset() => _samples = 0;
    }

    [Fact]
    public void Each_epoch_reports_the_metrics_on_its_training_batches_and_on_validation()
    {
        var data = Blobs();
        var count = new SampleCount();
        var (trainer, _) = Classifier(4, metrics: [new Accuracy(), new F1Score(positiveClass: 0), count]);
        var history = trainer.Fit(data.Slice(0, 120), data.Slice(120, 30));

        Assert.All(history.Epochs, e =>
        {
            Assert.Equal(["accuracy", "f1_score", "samples"], e.Metrics.Keys.Order());
            Assert.Equal(["accuracy", "f1_score", "samples"], e.ValidationMetrics.Keys.Order());
            Assert.Equal(120, e.Metrics["samples"]); // reset each epoch: one epoch's samples, not a running total
            Assert.Equal(30, e.ValidationMetrics["samples"]);
            Assert.InRange(e.Metrics["accuracy"], 0, 1);
        });
        Assert.False(count.SawGradientRecording, "a metric was updated while gradients were being recorded");
        // Learning shows in the training accuracy, and validation after the last epoch is what evaluation gives.
        Assert.True(history.Epochs[^1].Metrics["accuracy"] > history.Epochs[0].Metrics["accuracy"]);
        var evaluation = trainer.EvaluateWithMetrics(data.Slice(120, 30));
        Assert.Equal(history.Epochs[^1].ValidationLoss!.Value, evaluation.Loss);
        Assert.Equal(history.Epochs[^1].ValidationMetrics, evaluation.Metrics);
    }

    [Fact]
    public void With_a_frozen_model_the_epoch_accuracy_is_the_accuracy_of_the_whole_training_set()
    {
        // Learning rate 0: every batch sees the same model, so the accuracy accumulated over the shuffled, uneven batches
        // (150 = 9 × 16 + 6) must equal the accuracy of all samples at once: counted, not averaged over batches.
        var data = Blobs();
        var (trainer, _) = Classifier(2, lr: 0f, metrics: [new Accuracy(), new Precision(2)]);
        var history = trainer.Fit(data);
        var whole = trainer.EvaluateWithMetrics(data).Metrics;

        Assert.All(history.Epochs, e => Assert.Equal(whole, e.Metrics));
        Assert.Empty(history.Epochs[0].ValidationMetrics);
        var predicted = trainer.Predict(data.Inputs).ArgMax(1);
        var labels = data.Targets.ToArray().Select(v => (int)v).ToArray();
        Assert.Equal(Metrics.Accuracy(predicted, labels), whole["accuracy"]);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_keeps_the_metrics_of_every_epoch_bit_for_bit()
    {
        var data = Blobs();
        var full = Classifier(8, metrics: [new Accuracy(), new Recall(1)]).Trainer.Fit(data.Slice(0, 120), data.Slice(120, 30));

        Classifier(4, checkpoints: Dir, metrics: [new Accuracy(), new Recall(1)]).Trainer.Fit(data.Slice(0, 120), data.Slice(120, 30));
        var resumed = Classifier(8, metrics: [new Accuracy(), new Recall(1)]).Trainer
            .Fit(data.Slice(0, 120), data.Slice(120, 30), resumeFrom: Checkpoint.Load(Dir));

        Assert.Equal(full.Epochs.Count, resumed.Epochs.Count);
        for (int i = 0; i < full.Epochs.Count; i++)
        {
            Assert.Equal(full.Epochs[i].Loss, resumed.Epochs[i].Loss);
            Assert.Equal(full.Epochs[i].Metrics, resumed.Epochs[i].Metrics);
            Assert.Equal(full.Epochs[i].ValidationMetrics, resumed.Epochs[i].ValidationMetrics);
        }
    }

    [Fact]
    public void A_checkpoint_written_without_metrics_resumes_with_them()
    {
        // Without metrics the history is written exactly as before metrics existed (no "metrics" objects): such a
        // checkpoint resumes, its epochs with no metrics, the new epochs with them.
        var data = Blobs();
        Classifier(2, checkpoints: Dir).Trainer.Fit(data);
        var manifest = File.ReadAllText(_scratch.File(Checkpoint.ManifestName));
        Assert.DoesNotContain("metrics", manifest);

        var history = Classifier(3, metrics: [new Accuracy()]).Trainer.Fit(data, resumeFrom: Checkpoint.Load(Dir));
        Assert.Empty(history.Epochs[0].Metrics);
        Assert.Empty(history.Epochs[1].Metrics);
        Assert.Equal(["accuracy"], history.Epochs[2].Metrics.Keys);
    }

    /// <summary>A metric whose value is not a number, as a user's metric may be.</summary>
    private sealed class Undefined() : Metric("undefined")
    {
        public override double Value => double.NaN;

        public override void Update(Tensor outputs, Tensor targets)
        {
        }

        public override void Reset()
        {
        }
    }

    [Fact]
    public void A_metric_that_is_not_a_number_survives_the_checkpoint()
    {
        var data = Blobs();
        Classifier(1, checkpoints: Dir, metrics: [new Undefined()]).Trainer.Fit(data);
        var history = Classifier(2, metrics: [new Undefined()]).Trainer.Fit(data, resumeFrom: Checkpoint.Load(Dir));
        Assert.True(double.IsNaN(history.Epochs[0].Metrics["undefined"]));
    }

    [Fact]
    public void Metric_names_must_be_distinct_and_the_loss_reduced()
    {
        var model = new Linear(2, 3);
        var e = Assert.Throws<ArgumentException>(() =>
            new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters()), metrics: [new Accuracy(), new Accuracy()]));
        Assert.Contains("two metrics are named 'accuracy'", e.Message);
        var f = Assert.Throws<ArgumentException>(() => new Trainer(model, new CrossEntropyLoss(Reduction.None), new Adam(model.Parameters())));
        Assert.Contains("Reduction.None", f.Message);
    }
}
