using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Tasks.TextClassification;
using Spectre.Console;

namespace Recur.Cli.Commands.Predict;

/// <summary><c>recur predict</c> for a text classifier: each text's class and the probability of each class.</summary>
internal static class ClassifyPrediction
{
    /// <summary>Loads the model and classifies the texts of <c>--text</c> / <c>--file</c>.</summary>
    public static int Run(IAnsiConsole console, IAnsiConsole errors, PredictRequest request)
    {
        if (request.Texts.Count == 0) throw new ArgumentException("a classify model needs --text \"...\" (or --file FILE) to classify.");
        var predictor = TextClassifierPredictor.Load(request.ModelDirectory);
        var predictions = predictor.Predict(request.Texts);
        var names = predictor.Config.ClassNames;
        if (request.Json)
        {
            console.Profile.Out.Writer.WriteLine(CommandJson.Format("predict", new JsonArray(predictions.Select(p =>
            {
                var probabilities = new JsonObject();
                for (int k = 0; k < names.Count; k++) probabilities[names[k]] = p.Probabilities[k];
                return (JsonNode?)new JsonObject { ["text"] = p.Text, ["label"] = p.ClassName, ["probability"] = p.Probability, ["probabilities"] = probabilities };
            }).ToArray()), []));
            return 0;
        }
        foreach (var p in predictions)
            console.MarkupLineInterpolated($"[bold]{p.ClassName}[/] ({p.Probability.ToString("P1", CultureInfo.InvariantCulture)}): {p.Text}");
        return 0;
    }
}
