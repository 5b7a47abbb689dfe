using Xunit;
using Xunit.Sdk;

namespace Recur.Tests.GradientChecks;

/// <summary>The checker itself must be able to fail: a wrong forward or a wrong gradient is reported, with the op and index.</summary>
public class GradientCheckSelfTests
{
    private static readonly CheckInput X = CheckInput.Uniform("x", 1, 0.5, 2.0, 2, 3);

    [Fact]
    public void Checker_reports_a_forward_that_differs_from_the_reference()
    {
        var e = Assert.Throws<FailException>(() => GradientCheck.AgainstReference("sigmoid-vs-tanh",
            x => x[0].Sigmoid(), x => x[0].Map(Math.Tanh), X));
        Assert.Contains("sigmoid-vs-tanh", e.Message);
        Assert.Contains("forward differs", e.Message);
        Assert.Contains("[0, 0] (flat 0)", e.Message);
    }

    [Fact]
    public void Checker_reports_an_analytic_gradient_that_misses_a_path()
    {
        // x.Detach() * x has the forward x² but its analytic gradient is x, not 2x.
        var e = Assert.Throws<FailException>(() => GradientCheck.AgainstReference("half-square",
            x => x[0].Detach() * x[0], x => x[0].Map(v => v * v), X));
        Assert.Contains("half-square", e.Message);
        Assert.Contains("analytic", e.Message);
        Assert.Contains("numeric", e.Message);
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void Float32_mode_reports_an_analytic_gradient_that_misses_a_path()
    {
        var e = Assert.Throws<FailException>(() => GradientCheck.AgainstOwnForward("half-square",
            x => x[0].Detach() * x[0], X));
        Assert.Contains("analytic", e.Message);
    }

    [Fact]
    public void Checker_reports_an_input_that_received_no_gradient()
    {
        var e = Assert.Throws<FailException>(() => GradientCheck.AgainstReference("detached",
            x => x[0].Detach().Mul(x[1]), x => x[0] * x[1], X, CheckInput.Uniform("y", 2, 1, 2, 2, 3)));
        Assert.Contains("'x' received no gradient", e.Message);
    }

    [Fact]
    public void Checker_passes_a_correct_gradient_in_both_modes()
    {
        GradientCheck.AgainstReference("square", x => x[0] * x[0], x => x[0].Map(v => v * v), X);
        GradientCheck.AgainstOwnForward("square", x => x[0] * x[0], X);
    }
}
