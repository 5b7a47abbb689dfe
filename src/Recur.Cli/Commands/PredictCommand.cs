using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Tasks;
using Recur.Tasks.Forecasting;
using Recur.Tasks.TextClassification;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur predict</c>: applies a model trained by another command, rebuilt from its checkpoint alone. The checkpoint's
/// recipe says which inputs it takes: a price CSV for <c>recur forecast</c>'s models, texts for <c>recur classify</c>'s.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model") { Description = "The output directory of a training command (or its checkpoint folder).", Required = true };
        var csv = new Option<string?>("--csv") { Description = "forecast models: the daily price CSV whose latest window is forecast (same columns as in training)." };
        var order = OrderOption.Create("forecast models: for a file without dates, whether its first row is the newest day or the oldest (default: the order data/stock/row-order.json records for a bundled file, else the one the model was trained with).");
        var text = new Option<string[]>("--text") { Description = "classify models: a text to classify (repeat for more).", AllowMultipleArgumentsPerToken = false };
        var file = new Option<string?>("--file") { Description = "classify models: a UTF-8 file of texts, one per line." };
        var json = new Option<bool>("--json") { Description = "Print the prediction as JSON." };
        var command = new Command("predict", "Apply a trained model: forecast after a price CSV's latest window, or classify texts.") { model, csv, order, text, file, json };
        command.SetAction(parse =>
        {
            string directory = parse.GetValue(model)!;
            var checkpoint = TaskCheckpoint.Load(directory, Forecaster.CheckpointFolder, out string source);
            string? recipe = checkpoint.Config["recipe"] is JsonValue v && v.TryGetValue(out string? r) ? r : null;
            bool asJson = parse.GetValue(json);
            if (recipe == TextClassifierConfig.RecipeName)
            {
                var texts = new List<string>(parse.GetValue(text) ?? []);
                if (parse.GetValue(file) is string path) texts.AddRange(File.ReadAllLines(path).Where(line => line.Length > 0));
                if (texts.Count == 0) throw new ArgumentException("a classify model needs --text \"...\" (or --file FILE) to classify.");
                Classify(console, TextClassifierPredictor.FromCheckpoint(checkpoint, source), texts, asJson);
                return 0;
            }
            string csvPath = parse.GetValue(csv) ?? throw new ArgumentException("a forecast model needs --csv FILE, the prices whose latest window it forecasts from.");
            Forecast(console, ForecastPredictor.FromCheckpoint(checkpoint, source), csvPath, OrderOption.Resolve(parse.GetValue(order), csvPath), asJson);
            return 0;
        });
        return command;
    }

    private static void Classify(IAnsiConsole console, TextClassifierPredictor predictor, IReadOnlyList<string> texts, bool asJson)
    {
        var predictions = predictor.Predict(texts);
        var names = predictor.Config.ClassNames;
        if (asJson)
        {
            console.Profile.Out.Writer.WriteLine(new JsonArray(predictions.Select(p =>
            {
                var probabilities = new JsonObject();
                for (int k = 0; k < names.Count; k++) probabilities[names[k]] = p.Probabilities[k];
                return (JsonNode?)new JsonObject { ["text"] = p.Text, ["label"] = p.ClassName, ["probability"] = p.Probability, ["probabilities"] = probabilities };
            }).ToArray()).ToJsonString());
            return;
        }
        foreach (var p in predictions)
            console.MarkupLineInterpolated($"[bold]{p.ClassName}[/] ({p.Probability.ToString("P1", CultureInfo.InvariantCulture)}): {p.Text}");
    }

    private static void Forecast(IAnsiConsole console, ForecastPredictor predictor, string csvPath, Data.Prices.DatelessRowOrder? order, bool asJson)
    {
        var next = predictor.Predict(csvPath, order);
        if (asJson)
        {
            console.Profile.Out.Writer.WriteLine(new JsonObject
            {
                ["target"] = next.Target,
                ["last_date"] = next.LastDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["last_known"] = next.LastValue,
                ["forecast"] = new JsonArray(next.Values.Select(v => (JsonNode?)v).ToArray()),
                ["at_last_row"] = next.AtLastRow,
            }.ToJsonString());
            return;
        }
        string after = next.LastDate is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "the last row";
        console.MarkupLineInterpolated($"{next.Target}: last known {F(next.LastValue)}");
        for (int i = 0; i < next.Values.Length; i++)
        {
            string when = next.AtLastRow
                ? (i == 0 ? $"at {after}" : $"{i} step(s) after {after}")
                : $"{i + 1} step(s) after {after}";
            console.MarkupLineInterpolated($"  forecast {when}: [bold]{F(next.Values[i])}[/]");
        }
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
