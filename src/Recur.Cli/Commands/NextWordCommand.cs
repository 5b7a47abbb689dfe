using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Tasks.LanguageModels;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur nextword</c>: the slides' TextRNN — one-hot words, RNN(n_class → 5), Linear, cross-entropy, Adam — on the
/// slides' sentences or the user's, printing the loss as it falls and each sentence's predicted last word.
/// </summary>
internal static class NextWordCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var sentences = new Option<string?>("--sentences") { Description = "A UTF-8 file of sentences, one per line (default: the slides' \"i like dog\", \"i love coffee\", \"i hate milk\")." };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units of the RNN.", DefaultValueFactory = _ => 5 };
        var epochs = new Option<int>("--epochs") { Description = "Full-batch Adam steps.", DefaultValueFactory = _ => 5000 };
        var lr = new Option<float>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3f };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initial weights.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (the whole loss curve included)." };
        var command = new Command("nextword", "The slides' TextRNN: predict each sentence's last word from the words before it.")
        {
            sentences, hidden, epochs, lr, seed, json,
        };
        command.SetAction(parse =>
        {
            var options = new NextWordOptions { Hidden = parse.GetValue(hidden), Epochs = parse.GetValue(epochs), LearningRate = parse.GetValue(lr), Seed = parse.GetValue(seed) };
            if (options.Hidden < 1) throw new ArgumentException($"--hidden must be at least 1, got {options.Hidden}.");
            if (options.Epochs < 1) throw new ArgumentException($"--epochs must be at least 1, got {options.Epochs}.");
            if (!(options.LearningRate > 0f)) throw new ArgumentException($"--lr must be a positive number, got {options.LearningRate}.");
            if (parse.GetValue(sentences) is string file)
            {
                var lines = File.ReadAllLines(file).Where(line => line.Trim().Length > 0).ToArray();
                if (lines.Length == 0) throw new ArgumentException($"{file} holds no sentences: write one per line.");
                options = options with { Sentences = lines };
            }
            var result = NextWordExercise.Train(options);
            if (parse.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(CommandJson.Format("nextword", new JsonObject
                {
                    ["words"] = new JsonArray(result.Words.Select(w => (JsonNode?)w).ToArray()),
                    ["predictions"] = new JsonArray(result.Predictions.Select(p => (JsonNode?)new JsonObject
                    {
                        ["context"] = p.Context, ["expected"] = p.Expected, ["predicted"] = p.Predicted, ["probability"] = p.Probability, ["correct"] = p.IsCorrect,
                    }).ToArray()),
                    ["loss"] = new JsonArray(result.LossCurve.Select(l => (JsonNode?)l).ToArray()),
                    ["seconds"] = result.Elapsed.TotalSeconds,
                }, []));
                return result.AllCorrect ? 0 : 1;
            }
            console.MarkupLineInterpolated($"[bold]recur nextword[/]: TextRNN, RNN({result.Words.Count} → {options.Hidden}) → Linear({options.Hidden}, {result.Words.Count}), Adam {F(options.LearningRate, "0.####")}, {options.Epochs:N0} steps on {result.Predictions.Count} sentence(s)");
            var curve = result.LossCurve;
            int every = Math.Max(1, curve.Count / 5);
            for (int step = every; step <= curve.Count; step += every)
                console.MarkupLineInterpolated($"  epoch {step,6:N0}  cost = {F(curve[step - 1], "0.000000")}");
            var table = new Table().AddColumn("context").AddColumn("→ predicted").AddColumn(new TableColumn("probability").RightAligned()).AddColumn("last word");
            foreach (var p in result.Predictions)
                table.AddRow(Markup.Escape(p.Context), p.IsCorrect ? $"[green]{Markup.Escape(p.Predicted)}[/]" : $"[red]{Markup.Escape(p.Predicted)}[/]",
                    F(p.Probability, "0.000"), Markup.Escape(p.Expected));
            console.Write(table);
            int right = result.Predictions.Count(p => p.IsCorrect);
            console.MarkupLineInterpolated($"{right} of {result.Predictions.Count} last words predicted; trained in {result.Elapsed.TotalSeconds:0.00} s");
            return result.AllCorrect ? 0 : 1;
        });
        return command;
    }

    private static string F(float value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
