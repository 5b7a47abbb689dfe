using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Tasks.Forecasting;
using Spectre.Console;

namespace Recur.Cli.Commands.Predict;

/// <summary><c>recur predict</c> for a forecast model: the next value(s) after the file's latest window.</summary>
internal static class ForecastPrediction
{
    /// <summary>Loads the model, forecasts, and prints the default forecaster's and the network's values.</summary>
    public static int Run(IAnsiConsole console, IAnsiConsole errors, PredictRequest request)
    {
        var predictor = ForecastPredictor.Load(request.ModelDirectory);
        var next = predictor.Predict(request.RequireCsv("a forecast"), request.DatelessOrder);
        if (request.Json)
        {
            console.Profile.Out.Writer.WriteLine(CommandJson.Format("predict", new JsonObject
            {
                ["recipe"] = ForecastConfig.RecipeName,
                ["target"] = next.Target,
                ["last_date"] = next.LastDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["last_known"] = next.LastValue,
                ["forecast"] = new JsonArray(next.Default.Select(v => (JsonNode?)v).ToArray()),
                ["forecaster"] = next.Choice.Name,
                ["weight"] = next.Choice.Weight,
                ["network_forecast"] = new JsonArray(next.Values.Select(v => (JsonNode?)v).ToArray()),
                ["at_last_row"] = next.AtLastRow,
            }, next.Warnings));
            return 0;
        }
        foreach (string warning in next.Warnings) errors.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        string after = next.LastDate is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "the last row";
        console.MarkupLineInterpolated($"{next.Target}: last known {F(next.LastValue)}; default forecaster: {next.Choice.Description}");
        for (int i = 0; i < next.Values.Length; i++)
        {
            string when = next.AtLastRow
                ? (i == 0 ? $"at {after}" : $"{i} step(s) after {after}")
                : $"{i + 1} step(s) after {after}";
            console.MarkupLineInterpolated($"  forecast {when}: [bold]{F(next.Default[i])}[/] (network {F(next.Values[i])})");
        }
        return 0;
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
