using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Training;

namespace Recur.Tests.Training;

public class TrainerTests
{
    /// <summary>y = 2x₁ − 3x₂ + 1 on 200 points, exactly linear: a Linear layer must drive the MSE to ~0.</summary>
    private static TensorDataset Line(int n = 200, ulong seed = 1)
    {
        var g = new Generator(seed);
        var x = Tensor.Uniform(g, -1f, 1f, n, 2);
        var y = Tensor.Zeros(n, 1);
        for (int i = 0; i < n; i++) y[i, 0] = 2f * x[i, 0] - 3f * x[i, 1] + 1f;
        return new TensorDataset(x, y);
    }

    private static (Trainer Trainer, Linear Model) Make(TrainerOptions options, float lr = 0.05f, EarlyStopping? stopping = null)
    {
        var model = new Linear(2, 1, generator: new Generator(7));
        return (new Trainer(model, new MSELoss(), new Adam(model.Parameters(), lr), options) { EarlyStopping = stopping }, model);
    }

    [Fact]
    public void Tiny_regression_reaches_a_near_zero_loss_and_the_true_weights()
    {
        var (trainer, model) = Make(new TrainerOptions { Epochs = 60, BatchSize = 20 });
        var history = trainer.Fit(Line());

        Assert.Equal(60, history.Epochs.Count);
        Assert.True(history.Epochs[^1].Loss < 1e-4, $"final loss {history.Epochs[^1].Loss}");
        Assert.Equal(2f, model.Weight[0, 0], 2);
        Assert.Equal(-3f, model.Weight[0, 1], 2);
        Assert.Equal(1f, model.Bias![0], 2);
    }

    [Fact]
    public void Same_seed_gives_the_same_loss_curve_bit_for_bit()
    {
        var a = Make(new TrainerOptions { Epochs = 5, BatchSize = 16, Seed = 3 }).Trainer.Fit(Line());
        var b = Make(new TrainerOptions { Epochs = 5, BatchSize = 16, Seed = 3 }).Trainer.Fit(Line());
        var c = Make(new TrainerOptions { Epochs = 5, BatchSize = 16, Seed = 4 }).Trainer.Fit(Line());

        Assert.Equal(a.Epochs.Select(e => e.Loss), b.Epochs.Select(e => e.Loss));
        Assert.NotEqual(a.Epochs.Select(e => e.Loss), c.Epochs.Select(e => e.Loss));
    }

    [Fact]
    public void Validation_split_holds_out_the_last_fraction_and_reports_its_loss()
    {
        var data = Line(100);
        var (trainer, _) = Make(new TrainerOptions { Epochs = 2, BatchSize = 10, ValidationSplit = 0.2 });
        int steps = 0;
        trainer.StepCompleted += p => steps = Math.Max(steps, p.Step);
        var history = trainer.Fit(data);

        Assert.Equal(8, steps); // 80 training samples in batches of 10
        Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationLoss));
        Assert.Equal(history.Epochs[^1].ValidationLoss!.Value, trainer.Evaluate(data.Slice(80, 20)), 12);
    }

    [Fact]
    public void Early_stopping_stops_and_restores_the_best_weights()
    {
        // A learning rate this large makes the loss bounce: the best epoch is not the last.
        var stopping = new EarlyStopping(patience: 2);
        var (trainer, model) = Make(new TrainerOptions { Epochs = 50, BatchSize = 200, Shuffle = false }, lr: 3f, stopping);
        var data = Line();
        var history = trainer.Fit(data, data);

        Assert.NotNull(history.StoppedEarly);
        Assert.True(history.Epochs.Count < 50);
        Assert.NotNull(history.RestoredEpoch);
        var best = history.Epochs.MinBy(e => e.ValidationLoss!.Value)!;
        Assert.Equal(best.Epoch, history.RestoredEpoch);
        Assert.Equal(best.ValidationLoss!.Value, trainer.Evaluate(data), 5);
    }

    [Fact]
    public void Nan_loss_stops_with_the_epoch_and_step_named()
    {
        var data = Line(40);
        data.Targets.Span[25] = float.NaN;
        var (trainer, _) = Make(new TrainerOptions { Epochs = 3, BatchSize = 10, Shuffle = false });

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data));
        Assert.Contains("epoch 1, step 3 of 4", e.Message);
    }

    [Fact]
    public void Cancellation_stops_between_steps()
    {
        using var cancel = new CancellationTokenSource();
        var (trainer, _) = Make(new TrainerOptions { Epochs = 100, BatchSize = 10 });
        int steps = 0;
        trainer.StepCompleted += _ => { if (++steps == 5) cancel.Cancel(); };

        Assert.Throws<OperationCanceledException>(() => trainer.Fit(Line(), cancellationToken: cancel.Token));
        Assert.Equal(5, steps);
    }

    [Fact]
    public void Predict_runs_batches_in_eval_mode_and_keeps_the_order()
    {
        var (trainer, model) = Make(new TrainerOptions { BatchSize = 7 });
        var x = Line(30).Inputs;
        var predicted = trainer.Predict(x);

        Assert.Equal([30, 1], predicted.Shape);
        using var _ = new NoGradScope();
        Assert.Equal(model.Forward(x).ToArray(), predicted.ToArray());
    }

    [Fact]
    public void Reduce_on_plateau_schedule_is_stepped_with_the_validation_loss()
    {
        var model = new Linear(2, 1, generator: new Generator(7));
        var optimizer = new Adam(model.Parameters(), 3f);
        var trainer = new Trainer(model, new MSELoss(), optimizer, new TrainerOptions { Epochs = 12, BatchSize = 200, Shuffle = false })
        {
            Schedule = new ReduceLROnPlateau(optimizer, factor: 0.5f, patience: 0),
        };
        var data = Line();
        var history = trainer.Fit(data, data);

        Assert.True(optimizer.LearningRate < 3f);
        Assert.Equal(3f, history.Epochs[0].LearningRate);
    }
}
