using System.CommandLine;
using Recur.Cli.Commands.Predict;
using Recur.Data.Images;
using Recur.Tasks.Forecasting;
using Recur.Tasks.ImageRows;
using Recur.Tasks.LanguageModels;
using Recur.Tasks.Recipes;
using Recur.Tasks.RiseClassification;
using Recur.Tasks.TextClassification;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur predict --model DIR …</c>: a prediction from a model a recipe saved. The checkpoint's config names its recipe,
/// and <see cref="PredictRoute"/>s map each recipe to what predicting means for it and which input flags it reads: a
/// price CSV for forecast and updown models, texts for classify models, a picture or an IDX image for image models. A
/// flag another kind of model reads is refused in one line rather than ignored. A new recipe adds one route.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(IAnsiConsole console, IAnsiConsole errors)
    {
        var model = new Option<string>("--model") { Description = "A model's output directory (or its checkpoint folder), from recur forecast, updown, classify, images or lm.", Required = true };
        var csv = new Option<string?>("--csv") { Description = "forecast and updown models: the daily price CSV whose latest window is predicted (same columns as in training)." };
        var order = OrderOption.Create("forecast and updown models, for a file without dates: whether its first row is the newest day or the oldest (default: the order data/stock/row-order.json records for a bundled file, else the one the model was trained with).");
        var text = new Option<string[]>("--text") { Description = "classify models: a text to classify; lm models: a text whose next token to predict (repeat for more)." };
        var file = new Option<string?>("--file") { Description = "classify and lm models: a UTF-8 file of texts, one per line." };
        var png = new Option<string?>("--png") { Description = "image models: a picture to classify (PNG, JPEG, …; grey or colour, inverted when its background is light)." };
        var idx = new Option<string?>("--idx") { Description = "image models: an IDX images file (raw or gzip) to take an image from, with --index." };
        var index = new Option<int?>("--index") { Description = "image models: the 0-based image of the --idx file." };
        var resize = new Option<bool>("--resize") { Description = "image models: scale a picture of another size to the model's (proportions kept, centred)." };
        var invert = new Option<string>("--invert") { Description = "image models: invert the picture to bright ink on dark: auto (when its border is light), yes or no.", DefaultValueFactory = _ => "auto" };
        invert.AcceptOnlyFromAmong("auto", "yes", "no");
        var json = new Option<bool>("--json") { Description = "Print the prediction as JSON." };

        PredictRoute[] routes =
        [
            new(ForecastConfig.RecipeName, "recur forecast", "--csv FILE", [csv, order], ForecastPrediction.Run),
            new(RiseConfig.RecipeName, "recur updown", "--csv FILE", [csv, order], RisePrediction.Run),
            new(TextClassifierConfig.RecipeName, "recur classify", "--text \"...\" or --file FILE", [text, file], ClassifyPrediction.Run),
            new(ImageRowsConfig.RecipeName, "recur images", "--png FILE, or --idx FILE --index N", [png, idx, index, resize, invert], ImagesPrediction.Run),
            new(LanguageModelConfig.RecipeName, "recur lm", "--text \"...\" or --file FILE (the next token; recur sample writes text)", [text, file], LanguageModelPrediction.Run),
        ];
        var command = new Command("predict",
            "Predict with a trained model: the next value(s) or the chance of a rise after a CSV's latest window, the class of texts, the class of an image, or a language model's next token.")
        {
            model, csv, order, text, file, png, idx, index, resize, invert, json,
        };
        command.SetAction(parse =>
        {
            string directory = parse.GetValue(model)!;
            var (_, recipe) = RecipeCheckpoint.Locate(directory);
            var route = routes.FirstOrDefault(r => r.Recipe == recipe)
                ?? throw new InvalidDataException($"{directory} holds a '{recipe}' model, which recur predict does not read.");
            // A flag for another kind of model would be ignored silently; say which flags this model reads instead.
            foreach (var option in routes.SelectMany(r => r.Reads).Distinct().Except(route.Reads))
                if (parse.GetResult(option) is { Implicit: false })
                    throw new ArgumentException($"{option.Name} is not for this model: {directory} holds a model of {route.TrainedBy}, which reads {route.Usage}.");

            string? csvPath = parse.GetValue(csv);
            var texts = new List<string>(parse.GetValue(text) ?? []);
            if (parse.GetValue(file) is string textFile) texts.AddRange(File.ReadAllLines(textFile).Where(line => line.Length > 0));
            var inversion = parse.GetValue(invert) switch { "yes" => InkInversion.Always, "no" => InkInversion.Never, _ => InkInversion.Auto };
            return route.Run(console, errors, new PredictRequest(directory, parse.GetValue(json))
            {
                CsvPath = csvPath,
                DatelessOrder = csvPath is null ? null : OrderOption.Resolve(parse.GetValue(order), csvPath),
                Texts = texts,
                Picture = parse.GetValue(png),
                IdxFile = parse.GetValue(idx),
                IdxIndex = parse.GetValue(index),
                Resize = parse.GetValue(resize),
                Inversion = inversion,
            });
        });
        return command;
    }
}
