using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Tasks.Forecasting;
using Spectre.Console;

namespace Recur.Cli.Commands.Predict;

/// <summary><c>recur predict --csv FILE</c>: the next value(s) of a price series from a model trained by <c>recur forecast</c>.</summary>
internal sealed class ForecastPredictRecipe(IAnsiConsole console) : IPredictRecipe
{
    private readonly Option<string?> _csv = new("--csv") { Description = "Forecast models: daily price CSV whose latest window is forecast (same columns as in training)." };

    private readonly Option<string?> _order = OrderOption.Create(
        "Forecast models, for a file without dates: whether its first row is the newest day or the oldest (default: the order data/stock/row-order.json records for a bundled file, else the one the model was trained with).");

    public string Recipe => "forecast";

    public string TrainedBy => "recur forecast";

    public IReadOnlyList<Option> Options => [_csv, _order];

    public string Usage => "--csv FILE";

    public int Run(ParseResult parse, string modelDirectory, bool json)
    {
        string csvPath = parse.GetValue(_csv) ?? throw new ArgumentException($"{modelDirectory} holds a forecast model: give the price file with --csv FILE.");
        var predictor = ForecastPredictor.Load(modelDirectory);
        var next = predictor.Predict(csvPath, OrderOption.Resolve(parse.GetValue(_order), csvPath));
        if (json)
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
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
