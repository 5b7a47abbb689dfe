using Recur.Optim;

namespace Recur.Tests.Training;

public class LearningRateScheduleTests
{
    private static SGD Optimizer(float lr) => new([Tensor.Zeros(1)], lr);

    [Fact]
    public void Step_lr_decays_by_gamma_every_step_size_epochs()
    {
        var opt = Optimizer(0.1f);
        var schedule = new StepLR(opt, stepSize: 2, gamma: 0.5f);
        var rates = Enumerable.Range(0, 5).Select(_ => { schedule.Step(); return opt.LearningRate; }).ToArray();
        Assert.Equal([0.1f, 0.05f, 0.05f, 0.025f, 0.025f], rates);
    }

    [Fact]
    public void Cosine_annealing_follows_the_closed_form()
    {
        var opt = Optimizer(1f);
        var schedule = new CosineAnnealingLR(opt, tMax: 4, minLearningRate: 0.1f);
        var rates = Enumerable.Range(0, 4).Select(_ => { schedule.Step(); return (double)opt.LearningRate; }).ToArray();
        for (int e = 1; e <= 4; e++)
            Assert.Equal(0.1 + 0.9 * (1 + Math.Cos(Math.PI * e / 4)) / 2, rates[e - 1], 6);
    }

    [Fact]
    public void Reduce_on_plateau_cuts_after_patience_epochs_without_improvement()
    {
        var opt = Optimizer(1f);
        var schedule = new ReduceLROnPlateau(opt, factor: 0.5f, patience: 1);
        foreach (var loss in new[] { 1.0, 0.9, 0.95, 0.95 }) schedule.Step(loss);
        Assert.Equal(0.5f, opt.LearningRate);   // two epochs without improvement > patience 1
        Assert.Throws<InvalidOperationException>(() => schedule.Step());
    }
}
