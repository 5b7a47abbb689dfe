using Recur.Optim;
using Xunit;

namespace Recur.Tests.Optim;

/// <summary>Zaremba et al.'s schedule: lr_decay ** max(epoch − max_epoch, 0) per 1-based epoch.</summary>
public class DelayedExponentialLRTests
{
    [Fact]
    public void Zaremba_small_keeps_the_rate_four_epochs_then_halves_it_each_epoch()
    {
        var sgd = new SGD([Parameter()], lr: 1f);
        var schedule = new DelayedExponentialLR(sgd, constantEpochs: 4, gamma: 0.5f);
        var rates = new List<float> { sgd.LearningRate };
        for (int epoch = 1; epoch < 13; epoch++)
        {
            schedule.Step();
            rates.Add(sgd.LearningRate);
        }
        float[] expected = [1, 1, 1, 1, 0.5f, 0.25f, 0.125f, 0.0625f, 0.03125f, 0.015625f, 0.0078125f, 0.00390625f, 0.001953125f];
        Assert.Equal(expected, rates);
    }

    [Fact]
    public void Without_constant_epochs_the_first_epoch_is_already_decayed_and_counters_restore()
    {
        var sgd = new SGD([Parameter()], lr: 2f);
        var schedule = new DelayedExponentialLR(sgd, constantEpochs: 0, gamma: 0.5f);
        Assert.Equal(1f, sgd.LearningRate);
        schedule.Step();
        Assert.Equal(0.5f, sgd.LearningRate);
        var resumed = new DelayedExponentialLR(new SGD([Parameter()], lr: 2f), 0, 0.5f);
        resumed.SetState(schedule.GetState());
        resumed.Step();
        schedule.Step();
        Assert.Equal(sgd.LearningRate, resumed.Optimizer.LearningRate);
    }

    [Theory]
    [InlineData(-1, 0.5f)]
    [InlineData(4, 0f)]
    [InlineData(4, 1.5f)]
    public void Bad_settings_are_refused(int constantEpochs, float gamma) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DelayedExponentialLR(new SGD([Parameter()], lr: 1f), constantEpochs, gamma));

    private static Tensor Parameter()
    {
        var t = Tensor.Zeros(1);
        t.RequiresGrad = true;
        return t;
    }
}
