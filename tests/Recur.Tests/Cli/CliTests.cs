namespace Recur.Tests.Cli;

public class CliTests
{
    private static (int Exit, string Output) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Xor_command_prints_four_predictions_and_the_loss_curve_ends()
    {
        var (exit, output) = Run("xor", "--seed", "0");

        Assert.Equal(0, exit);
        Assert.Contains("separated", output);
        Assert.Matches(@"loss \(binary cross-entropy\): start \d\.\d{4} → end \d\.\d{4}", output);
        Assert.Equal(4, output.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│ [01]\s+│ [01]\s+│ [01]\s+│ 0\.\d{4}")));
    }

    [Fact]
    public void Perceptron_command_learns_and()
    {
        var (exit, output) = Run("perceptron", "--gate", "and");

        Assert.Equal(0, exit);
        Assert.Contains("learned in", output);
    }

    [Fact]
    public void Unknown_option_is_one_line_and_exit_code_two()
    {
        var (exit, output) = Run("xor", "--no-such-option");

        Assert.Equal(2, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.StartsWith("error:", output.Trim());
    }

    [Fact]
    public void Failure_inside_a_command_is_one_line_without_stack_trace()
    {
        var (exit, output) = Run("xor", "--max-steps", "0");

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains("maxSteps must be positive", output);
        Assert.DoesNotContain("   at ", output);
    }
}
