using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Tasks.RiseClassification;
using Spectre.Console;

namespace Recur.Cli.Commands.Predict;

/// <summary><c>recur predict</c> for an up/down model: the chance that the price rises after the file's last day, and the call.</summary>
internal static class RisePrediction
{
    /// <summary>Loads the model, reads the file's last window and prints the probability and the call.</summary>
    public static int Run(IAnsiConsole console, IAnsiConsole errors, PredictRequest request)
    {
        var next = RisePredictor.Load(request.ModelDirectory).Predict(request.RequireCsv("an updown"), request.DatelessOrder);
        if (request.Json)
        {
            console.Profile.Out.Writer.WriteLine(CommandJson.Format("predict", new JsonObject
            {
                ["recipe"] = RiseConfig.RecipeName,
                ["price"] = next.Price,
                ["last_date"] = next.LastDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["last_close"] = next.LastClose,
                ["rise_percent"] = next.RisePercent,
                ["within"] = next.Within,
                ["probability"] = next.Probability,
                ["threshold"] = next.Threshold,
                ["rise"] = next.Rise,
            }, next.Warnings));
            return 0;
        }
        foreach (string warning in next.Warnings) errors.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        string after = next.LastDate is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "the last row";
        string days = next.Within == 1 ? "the next day" : $"{next.Within} days";
        console.MarkupLineInterpolated(
            $"{next.Price} {F(next.LastClose)} on {after}: P(rise of {F(next.RisePercent)} % or more within {days}) = [bold]{next.Probability:0.###}[/]; threshold {next.Threshold:0.###} → {(next.Rise ? "rise" : "no rise")}");
        return 0;
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
