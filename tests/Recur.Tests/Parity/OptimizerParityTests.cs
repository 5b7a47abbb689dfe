using Xunit;
using Recur.Optim;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Parity;

/// <summary>
/// Optimizer math against PyTorch (<c>fixtures/optim.json</c>, tools/reference/optim.py), independent of autograd:
/// two parameters ([3, 4] and [5]) start from PyTorch's values, each step is fed PyTorch's stored gradients,
/// and the parameters after each of the 5 steps are compared.
/// </summary>
public sealed class OptimizerParityTests
{
    private const int Steps = 5;
    private const int ParameterCount = 2;
    private static Fixture F => Fixture.Load("optim.json");

    private static void CheckFiveSteps(string name, Func<IEnumerable<Tensor>, Optimizer> make)
    {
        var parameters = Enumerable.Range(0, ParameterCount).Select(i =>
        {
            var p = F.Tensor($"{name}.p{i}.start");
            p.RequiresGrad = true;
            return p;
        }).ToArray();
        var optimizer = make(parameters);

        for (int k = 1; k <= Steps; k++)
        {
            for (int i = 0; i < ParameterCount; i++)
                parameters[i].Grad = F.Tensor($"{name}.step{k}.grad.p{i}");
            optimizer.Step();
            for (int i = 0; i < ParameterCount; i++)
                AssertClose(F.Tensor($"{name}.step{k}.p{i}"), parameters[i].Detach(), $"{name}: parameter {i} after step {k}");
        }
    }

    [Fact]
    public void Plain_sgd_matches_five_pytorch_steps() =>
        CheckFiveSteps("sgd", ps => new SGD(ps, lr: 0.1f));

    [Fact]
    public void Sgd_with_momentum_matches_five_pytorch_steps() =>
        CheckFiveSteps("sgd_momentum", ps => new SGD(ps, lr: 0.1f, momentum: 0.9f));

    [Fact]
    public void Sgd_with_momentum_dampening_and_weight_decay_matches_five_pytorch_steps() =>
        CheckFiveSteps("sgd_momentum_dampening_wd", ps => new SGD(ps, lr: 0.1f, momentum: 0.9f, dampening: 0.1f, weightDecay: 0.01f));

    [Fact]
    public void Sgd_with_nesterov_momentum_matches_five_pytorch_steps() =>
        CheckFiveSteps("sgd_nesterov", ps => new SGD(ps, lr: 0.1f, momentum: 0.9f, nesterov: true));

    [Fact]
    public void Adam_with_defaults_matches_five_pytorch_steps() =>
        CheckFiveSteps("adam", ps => new Adam(ps));

    [Fact]
    public void Adam_with_weight_decay_matches_five_pytorch_steps() =>
        CheckFiveSteps("adam_wd", ps => new Adam(ps, weightDecay: 0.1f));

    [Fact]
    public void Adam_with_custom_lr_betas_and_eps_matches_five_pytorch_steps() =>
        CheckFiveSteps("adam_custom", ps => new Adam(ps, lr: 0.01f, beta1: 0.8f, beta2: 0.99f, eps: 1e-6f));

    [Fact]
    public void Rmsprop_with_defaults_matches_five_pytorch_steps() =>
        CheckFiveSteps("rmsprop", ps => new RMSprop(ps));

    [Fact]
    public void Rmsprop_with_keras_defaults_matches_five_pytorch_steps() =>
        CheckFiveSteps("rmsprop_keras", ps => new RMSprop(ps, lr: 0.001f, alpha: 0.9f, eps: 1e-7f));

    [Fact]
    public void Centered_rmsprop_with_momentum_and_weight_decay_matches_five_pytorch_steps() =>
        CheckFiveSteps("rmsprop_centered_momentum_wd", ps => new RMSprop(ps, lr: 0.01f, alpha: 0.95f, weightDecay: 0.01f, momentum: 0.9f, centered: true));

    private static void CheckClip(string name)
    {
        var parameters = Enumerable.Range(0, ParameterCount).Select(i =>
        {
            var p = F.Tensor($"{name}.grad.p{i}").ZerosLike();
            p.RequiresGrad = true;
            p.Grad = F.Tensor($"{name}.grad.p{i}");
            return p;
        }).ToArray();

        float total = GradientClipping.ClipGradNorm(parameters, F.Scalar($"{name}.max_norm"));

        AssertClose(F.Scalar($"{name}.total_norm"), total, $"{name}: returned total norm");
        for (int i = 0; i < ParameterCount; i++)
            AssertClose(F.Tensor($"{name}.clipped.p{i}"), parameters[i].Grad, $"{name}: gradient {i} after clipping");
    }

    [Fact]
    public void Clip_grad_norm_above_max_norm_scales_gradients_like_pytorch() => CheckClip("clip_above");

    [Fact]
    public void Clip_grad_norm_below_max_norm_returns_the_norm_and_leaves_gradients_unchanged() => CheckClip("clip_below");
}
