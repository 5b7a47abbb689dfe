using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Tasks.Forecasting;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary><c>recur predict</c>: the next value(s) of a price series from a model trained by <c>recur forecast</c>.</summary>
internal static class PredictCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model") { Description = "A recur forecast output directory (or its checkpoint folder).", Required = true };
        var csv = new Option<string>("--csv") { Description = "Daily price CSV whose latest window is forecast (same columns as in training).", Required = true };
        var order = OrderOption.Create("For a file without dates: whether its first row is the newest day or the oldest (default: the order data/stock/row-order.json records for a bundled file, else the one the model was trained with).");
        var json = new Option<bool>("--json") { Description = "Print the forecast as JSON." };
        var command = new Command("predict", "Forecast the next value(s) after the latest window of a CSV with a trained model.") { model, csv, order, json };
        command.SetAction(parse =>
        {
            var predictor = ForecastPredictor.Load(parse.GetValue(model)!);
            string csvPath = parse.GetValue(csv)!;
            var next = predictor.Predict(csvPath, OrderOption.Resolve(parse.GetValue(order), csvPath));
            if (parse.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(new JsonObject
                {
                    ["target"] = next.Target,
                    ["last_date"] = next.LastDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["last_known"] = next.LastValue,
                    ["forecast"] = new JsonArray(next.Values.Select(v => (JsonNode?)v).ToArray()),
                    ["at_last_row"] = next.AtLastRow,
                }.ToJsonString());
                return 0;
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
            return 0;
        });
        return command;
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
