using System.CommandLine;
using Recur.Cli.Commands.Predict;
using Recur.Tasks.Forecasting;
using Recur.Tasks.Recipes;
using Recur.Tasks.RiseClassification;
using Recur.Tasks.TextClassification;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur predict</c>: a prediction from a model a recipe saved, for the latest data in a file. The checkpoint's config
/// names its recipe, and <see cref="Paths"/> maps each recipe to what predicting means for it; a new recipe adds a line there.
/// </summary>
internal static class PredictCommand
{
    /// <summary>What predict does for each recipe's models, by the <c>recipe</c> name their checkpoints carry.</summary>
    private static readonly IReadOnlyDictionary<string, PredictPath> Paths = new Dictionary<string, PredictPath>(StringComparer.Ordinal)
    {
        [ForecastConfig.RecipeName] = ForecastPrediction.Run,
        [RiseConfig.RecipeName] = RisePrediction.Run,
        [TextClassifierConfig.RecipeName] = ClassifyPrediction.Run,
    };

    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model's output directory (or its checkpoint folder), from recur forecast, updown or classify.", Required = true };
        var csv = new Option<string?>("--csv") { Description = "forecast and updown models: the daily price CSV whose latest window is predicted (same columns as in training)." };
        var text = new Option<string[]>("--text") { Description = "classify models: a text to classify (repeat for more)." };
        var file = new Option<string?>("--file") { Description = "classify models: a UTF-8 file of texts, one per line." };
        var order = OrderOption.Create("For a file without dates: whether its first row is the newest day or the oldest (default: the order data/stock/row-order.json records for a bundled file, else the one the model was trained with).");
        var json = new Option<bool>("--json") { Description = "Print the prediction as JSON." };
        var command = new Command("predict", "Predict from a trained model: forecast the next value(s) or the chance of a rise after a CSV's latest window, or classify texts.")
        {
            model, csv, order, text, file, json,
        };
        command.SetAction(parse =>
        {
            string directory = parse.GetValue(model)!;
            var (_, recipe) = RecipeCheckpoint.Locate(directory);
            if (!Paths.TryGetValue(recipe, out var path))
                throw new InvalidDataException($"{directory} holds a '{recipe}' model; recur predict predicts from {string.Join(" and ", Paths.Keys)} models.");
            string? csvPath = parse.GetValue(csv);
            var texts = new List<string>(parse.GetValue(text) ?? []);
            if (parse.GetValue(file) is string textFile) texts.AddRange(File.ReadAllLines(textFile).Where(line => line.Length > 0));
            return path(console, new PredictRequest(directory, csvPath, csvPath is null ? null : OrderOption.Resolve(parse.GetValue(order), csvPath),
                texts, parse.GetValue(json)));
        });
        return command;
    }
}
