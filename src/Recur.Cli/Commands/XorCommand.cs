using System.CommandLine;
using Recur.Tasks.Foundations;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary><c>recur xor</c>: trains the 2-3-1 sigmoid network on XOR and prints its four predictions.</summary>
internal static class XorCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weight initialisation.", DefaultValueFactory = _ => 0 };
        var lr = new Option<float>("--lr") { Description = "SGD learning rate.", DefaultValueFactory = _ => 0.1f };
        var maxSteps = new Option<int>("--max-steps") { Description = "Stop after this many full-batch steps even if not separated.", DefaultValueFactory = _ => 200_000 };
        var command = new Command("xor", "Train a 2-3-1 sigmoid network on XOR with SGD and binary cross-entropy until it separates the four points.")
        {
            seed, lr, maxSteps,
        };
        command.SetAction(parse =>
        {
            float rate = parse.GetValue(lr);
            int steps = parse.GetValue(maxSteps);
            if (!(rate > 0f && float.IsFinite(rate))) throw new ArgumentException($"--lr must be a positive number, got {F(rate, "G")}.");
            if (steps < 1) throw new ArgumentException($"--max-steps must be at least 1, got {steps}.");
            var result = XorNetwork.Train(parse.GetValue(seed), rate, steps);
            var table = new Table().Title("XOR, 2-3-1 sigmoid network")
                .AddColumn("x₁").AddColumn("x₂").AddColumn("target").AddColumn("prediction").AddColumn("class");
            for (int i = 0; i < 4; i++)
            {
                var x = LogicGates.Inputs[i];
                float p = result.Predictions[i];
                bool right = (p > 0.5f) == (LogicGates.Xor[i] == 1f);
                table.AddRow(F(x[0], "0"), F(x[1], "0"), F(LogicGates.Xor[i], "0"), F(p, "0.0000"),
                    right ? $"[green]{(p > 0.5f ? 1 : 0)}[/]" : $"[red]{(p > 0.5f ? 1 : 0)}[/]");
            }
            console.Write(table);
            var curve = result.LossCurve;
            console.MarkupLine($"loss (binary cross-entropy): start {F(curve[0], "0.0000")} → end {F(curve[^1], "0.0000")} after {result.Steps:N0} steps");
            foreach (int i in CurveSamples(curve.Length))
                console.MarkupLine($"  step {result.CurveSteps[i] + 1,7:N0}: {F(curve[i], "0.0000")}");
            if (!result.Separated)
            {
                console.MarkupLine("[red]the network did not separate the four points[/]; try another --seed or more --max-steps");
                return 1;
            }
            console.MarkupLine("[green]separated[/]: every prediction is on the right side of 0.5");
            return 0;
        });
        return command;
    }

    /// <summary>A handful of indices spread over the curve's points, to show its shape.</summary>
    private static IEnumerable<int> CurveSamples(int length) =>
        Enumerable.Range(0, 6).Select(i => (int)((long)(length - 1) * i / 5)).Distinct();

    private static string F(float value, string format) => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
