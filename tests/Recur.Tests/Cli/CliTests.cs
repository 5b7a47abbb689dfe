using System.Globalization;
using System.Text.RegularExpressions;

namespace Recur.Tests.Cli;

public class CliTests
{
    private static (int Exit, string Output) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Xor_command_classifies_all_four_inputs_and_its_loss_falls_to_the_end_it_prints()
    {
        var (exit, output) = Run("xor", "--seed", "0");

        Assert.Equal(0, exit);
        // Each row of the table: x₁, x₂, target, prediction, class; the class is the prediction's side of 0.5 and equals XOR.
        var rows = Regex.Matches(output, @"│ ([01])\s+│ ([01])\s+│ ([01])\s+│ (0\.\d{4})\s+│ ([01])\s+│");
        Assert.Equal(4, rows.Count);
        foreach (Match row in rows)
        {
            int x1 = int.Parse(row.Groups[1].Value), x2 = int.Parse(row.Groups[2].Value), target = int.Parse(row.Groups[3].Value);
            double prediction = double.Parse(row.Groups[4].Value, CultureInfo.InvariantCulture);
            int predictedClass = int.Parse(row.Groups[5].Value);
            Assert.Equal(x1 ^ x2, target);
            Assert.Equal(prediction >= 0.5 ? 1 : 0, predictedClass);
            Assert.Equal(target, predictedClass);
        }
        Assert.Equal(new[] { "00", "01", "10", "11" }, rows.Select(r => r.Groups[1].Value + r.Groups[2].Value));

        var loss = Regex.Match(output, @"loss \(binary cross-entropy\): start (\d\.\d{4}) → end (\d\.\d{4}) after ([\d,]+) steps");
        Assert.True(loss.Success, output);
        double start = double.Parse(loss.Groups[1].Value, CultureInfo.InvariantCulture), end = double.Parse(loss.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(end < start, $"the loss went from {start} to {end}");
        // The curve printed below starts and ends at those values, at steps 1 and the last.
        var curve = Regex.Matches(output, @"step\s+([\d,]+): (\d\.\d{4})");
        Assert.Equal("1", curve[0].Groups[1].Value);
        Assert.Equal(loss.Groups[1].Value, curve[0].Groups[2].Value);
        Assert.Equal(loss.Groups[3].Value, curve[^1].Groups[1].Value);
        Assert.Equal(loss.Groups[2].Value, curve[^1].Groups[2].Value);
        // Binary cross-entropy of the four printed predictions, to their 4 decimals, is the final loss.
        double bce = rows.Average(r =>
        {
            double p = double.Parse(r.Groups[4].Value, CultureInfo.InvariantCulture);
            return r.Groups[3].Value == "1" ? -Math.Log(p) : -Math.Log(1 - p);
        });
        Assert.Equal(end, bce, 2e-3);
    }

    [Fact]
    public void Perceptron_command_learns_and_with_the_weights_it_prints()
    {
        var (exit, output) = Run("perceptron", "--gate", "and");

        Assert.Equal(0, exit);
        var model = Regex.Match(output, @"w = \((-?[\d.]+), (-?[\d.]+)\), b = (-?[\d.]+); mistakes per epoch: ([\d ]+)\n");
        Assert.True(model.Success, output);
        double w1 = double.Parse(model.Groups[1].Value, CultureInfo.InvariantCulture), w2 = double.Parse(model.Groups[2].Value, CultureInfo.InvariantCulture);
        double b = double.Parse(model.Groups[3].Value, CultureInfo.InvariantCulture);
        var mistakes = model.Groups[4].Value.Trim().Split(' ').Select(int.Parse).ToArray();
        Assert.Equal(0, mistakes[^1]);
        Assert.All(mistakes[..^1], m => Assert.True(m > 0));
        Assert.Contains($"learned in {mistakes.Length} epoch(s)", output);

        // Each row: x₁, x₂, target, net, f(net); net is w·x + b to its two decimals and f(net) is AND.
        var rows = Regex.Matches(output, @"│ ([01])\s+│ ([01])\s+│ ([01])\s+│ (-?\d\.\d\d)\s+│ ([01])\s+│");
        Assert.Equal(4, rows.Count);
        foreach (Match row in rows)
        {
            int x1 = int.Parse(row.Groups[1].Value), x2 = int.Parse(row.Groups[2].Value);
            Assert.Equal(x1 & x2, int.Parse(row.Groups[3].Value));
            Assert.Equal(x1 & x2, int.Parse(row.Groups[5].Value));
            Assert.Equal(w1 * x1 + w2 * x2 + b, double.Parse(row.Groups[4].Value, CultureInfo.InvariantCulture), 5e-3 + 1e-9);
        }
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
        Assert.Equal("error: --max-steps must be at least 1, got 0.", output.Trim());
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData(new[] { "xor", "--lr", "0" }, "error: --lr must be a positive number, got 0.")]
    [InlineData(new[] { "xor", "--lr", "NaN" }, "error: --lr must be a positive number, got NaN.")]
    [InlineData(new[] { "perceptron", "--lr", "-1" }, "error: --lr must be a positive number, got -1.")]
    [InlineData(new[] { "perceptron", "--epochs", "0" }, "error: --epochs must be at least 1, got 0.")]
    public void Foundation_commands_refuse_settings_that_cannot_learn_in_the_words_of_their_flags(string[] args, string expected)
    {
        var (exit, output) = Run(args);

        Assert.Equal(1, exit);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public void Perceptron_that_runs_out_of_epochs_on_and_does_not_call_and_inseparable()
    {
        // AND needs more than one epoch from zero weights: stopping after one must not be blamed on the gate.
        var (exit, output) = Run("perceptron", "--gate", "and", "--epochs", "1");

        Assert.Equal(1, exit);
        Assert.Contains("not learned after 1 epoch(s): AND is linearly separable, so the rule gets there with more --epochs", output);
        Assert.DoesNotContain("not linearly separable", output);
    }
}
