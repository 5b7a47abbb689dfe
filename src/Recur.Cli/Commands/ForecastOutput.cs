using System.Globalization;
using Recur.Cli.Charts;
using Recur.Tasks.Forecasting;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>What <c>recur forecast</c> writes and prints after a single run.</summary>
internal static class ForecastOutput
{
    /// <summary>Writes the files to <paramref name="outDir"/> and prints the tables (or the JSON document); notes go to <paramref name="errors"/>.</summary>
    public static void Write(IAnsiConsole console, IAnsiConsole errors, ForecastResult result, string outDir, string commandLine, bool asJson)
    {
        var files = new RunFiles(outDir);
        files.List(Forecaster.CheckpointFolder + "/");
        files.Write("predictions.csv", writer => ForecastReport.WritePredictionsCsv(result, writer));
        files.Write("loss.png", ForecastCharts.Loss(result));
        files.Write("forecast.png", ForecastCharts.Forecast(result));
        files.List("forecast.json");
        files.List("report.md");
        string document = CommandJson.Format("forecast", ForecastSummaryJson.Of(result, files.Names), result.DataNotes);
        files.Write("forecast.json", document);
        files.Write("report.md", ForecastReport.Markdown(result, "loss.png", "forecast.png", commandLine));
        files.Commit();
        if (asJson)
        {
            console.Profile.Out.Writer.WriteLine(document);
            return;
        }
        Print(console, errors, result, outDir, files.Names);
    }

    private static void Print(IAnsiConsole console, IAnsiConsole errors, ForecastResult r, string outDir, IReadOnlyList<string> files)
    {
        foreach (string note in r.DataNotes) errors.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        console.MarkupLineInterpolated($"{r.TrainWindows} training, {r.ValidationWindows} validation, {r.TestWindows} test windows; {r.Summary.TotalParameters:N0} parameters; trained in {r.TrainingTime.TotalSeconds:0.0} s");
        var table = new Table().Title($"Test span: {r.Options.Target} in price units")
            .AddColumn("forecaster").AddColumn(new TableColumn("RMSE").RightAligned())
            .AddColumn(new TableColumn("MAE").RightAligned()).AddColumn(new TableColumn("MAPE").RightAligned());
        foreach (var f in r.Forecasters)
        {
            var s = ForecastScores.Of(r.Test, f.Values);
            string name = f.Key switch
            {
                "default" => $"[bold]default: {Markup.Escape(r.Choice.Description)}[/]",
                "naive" => "naive (next = last known)",
                "ar" => Markup.Escape($"{f.Name}, least squares"),
                "arima" => Markup.Escape($"{f.Name}, CSS, AIC"),
                _ => Markup.Escape(f.Name),
            };
            table.AddRow(name, F(s.Rmse), F(s.Mae), s.Mape.ToString("0.00", CultureInfo.InvariantCulture) + " %");
        }
        console.Write(table);
        console.MarkupLine((r.Verdict.Result == "better" ? "[green]" : "[yellow]") + Markup.Escape(ForecastReport.Verdict(r)) + "[/]");
        console.MarkupLine(Markup.Escape(r.Choice.Reason));
        console.MarkupLine(Markup.Escape(ForecastReport.TheilSentence(r.Choice, r.TheilU, r.Default.Rmse, r.Naive.Rmse)));
        console.MarkupLineInterpolated($"wrote {string.Join(", ", files)} to {outDir}");
    }

    private static string F(double value) => value.ToString(Math.Abs(value) >= 1000 ? "N1" : "0.000", CultureInfo.InvariantCulture);
}
