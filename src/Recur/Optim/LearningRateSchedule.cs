namespace Recur.Optim;

/// <summary>Changes an optimizer's learning rate once per epoch (PyTorch's <c>lr_scheduler</c>; call <see cref="Step"/> after each epoch).</summary>
public abstract class LearningRateSchedule
{
    /// <summary>Binds the schedule to <paramref name="optimizer"/>; its current rate is the base rate.</summary>
    protected LearningRateSchedule(Optimizer optimizer)
    {
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        BaseLearningRate = optimizer.LearningRate;
    }

    /// <summary>The optimizer whose rate is set.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The rate when the schedule started.</summary>
    public float BaseLearningRate { get; }

    /// <summary>Epochs completed so far.</summary>
    public int Epoch { get; protected set; }

    /// <summary>Ends an epoch; <paramref name="validationLoss"/> is used by schedules that watch it.</summary>
    public abstract void Step(double? validationLoss = null);

    /// <summary>The schedule's counters, for checkpoints.</summary>
    public virtual double[] GetState() => [Epoch];

    /// <summary>Restores counters saved by <see cref="GetState"/>.</summary>
    public virtual void SetState(double[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Epoch = (int)state[0];
    }
}
