using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Tasks.LanguageModels;
using Spectre.Console;

namespace Recur.Cli.Commands.Predict;

/// <summary><c>recur predict</c> for a language model: the most likely next tokens after each text, with their probabilities.</summary>
internal static class LanguageModelPrediction
{
    private const int Count = 5;

    /// <summary>Loads the model and predicts what follows each text of <c>--text</c> / <c>--file</c>.</summary>
    public static int Run(IAnsiConsole console, IAnsiConsole errors, PredictRequest request)
    {
        if (request.Texts.Count == 0)
            throw new ArgumentException("a language model needs --text \"...\" (or --file FILE) to predict the next token of; recur sample writes longer text.");
        var sampler = LanguageModelSampler.Load(request.ModelDirectory);
        var predictions = request.Texts.Select(t => (Text: t, Next: sampler.NextTokens(t, Count))).ToList();
        if (request.Json)
        {
            console.Profile.Out.Writer.WriteLine(new JsonArray(predictions.Select(p => (JsonNode?)new JsonObject
            {
                ["text"] = p.Text,
                ["next"] = new JsonArray(p.Next.Select(n => (JsonNode?)new JsonObject { ["token"] = n.Token, ["probability"] = n.Probability }).ToArray()),
            }).ToArray()).ToJsonString());
            return 0;
        }
        foreach (var (text, next) in predictions)
            console.MarkupLineInterpolated($"{text} → {string.Join(", ", next.Select(n => $"{Printable(n.Token)} ({n.Probability.ToString("P1", CultureInfo.InvariantCulture)})"))}");
        return 0;
    }

    private static string Printable(string token) => token.Replace("\n", "\\n");
}
