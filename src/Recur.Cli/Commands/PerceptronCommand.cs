using System.CommandLine;
using System.Globalization;
using Recur.Tasks.Foundations;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary><c>recur perceptron</c>: the perceptron learning rule on AND, OR (and XOR, where it must fail).</summary>
internal static class PerceptronCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var gate = new Option<string>("--gate") { Description = "and, or or xor.", DefaultValueFactory = _ => "and" };
        gate.AcceptOnlyFromAmong("and", "or", "xor");
        var lr = new Option<float>("--lr") { Description = "Learning rate η.", DefaultValueFactory = _ => 0.1f };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => 100 };
        var command = new Command("perceptron", "Train a perceptron with w ← w + η·x·(t − f(net)) on a logic gate.") { gate, lr, epochs };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(gate)!;
            float rate = parse.GetValue(lr);
            int maxEpochs = parse.GetValue(epochs);
            if (!(rate > 0f && float.IsFinite(rate))) throw new ArgumentException($"--lr must be a positive number, got {F(rate)}.");
            if (maxEpochs < 1) throw new ArgumentException($"--epochs must be at least 1, got {maxEpochs}.");
            var targets = LogicGates.Targets(name);
            var perceptron = new Perceptron(2);
            var mistakes = perceptron.Train(LogicGates.Inputs, targets, rate, maxEpochs);
            bool learned = mistakes[^1] == 0;

            var table = new Table().Title($"perceptron on {name.ToUpperInvariant()}")
                .AddColumn("x₁").AddColumn("x₂").AddColumn("target").AddColumn("net").AddColumn("f(net)");
            for (int i = 0; i < 4; i++)
            {
                var x = LogicGates.Inputs[i];
                float output = perceptron.Predict(x);
                string shown = output == targets[i] ? $"[green]{output}[/]" : $"[red]{output}[/]";
                table.AddRow(F(x[0]), F(x[1]), F(targets[i]), perceptron.Net(x).ToString("0.00", CultureInfo.InvariantCulture), shown);
            }
            console.Write(table);
            console.MarkupLine($"w = ({F(perceptron.Weights[0])}, {F(perceptron.Weights[1])}), b = {F(perceptron.Bias)}; " +
                               $"mistakes per epoch: {string.Join(" ", mistakes.Take(20))}{(mistakes.Count > 20 ? " …" : "")}");
            if (learned)
            {
                console.MarkupLine($"[green]learned[/] in {mistakes.Count} epoch(s)");
                return 0;
            }
            if (name == "xor")
            {
                console.MarkupLine($"[yellow]not learned[/] after {mistakes.Count} epochs: XOR is not linearly separable, so no single perceptron can represent it (see 'recur xor')");
                return 0;
            }
            // AND and OR are linearly separable: the rule converges on them, so only the epochs ran out.
            console.MarkupLine($"[red]not learned[/] after {mistakes.Count} epoch(s): {name.ToUpperInvariant()} is linearly separable, so the rule gets there with more --epochs");
            return 1;
        });
        return command;
    }

    private static string F(float value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
