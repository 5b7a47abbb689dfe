using System.Globalization;
using Recur.Cli.Charts;
using Recur.Tasks.Forecasting;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary><c>recur forecast --backtest K</c>: runs the folds with a progress bar, writes the report and prints the summary.</summary>
internal static class BacktestOutput
{
    /// <summary>
    /// Runs <paramref name="backtester"/> and writes its files to <paramref name="outDir"/> (a directory holding a trained
    /// model only with <paramref name="force"/>); returns the exit code.
    /// </summary>
    public static int Run(IAnsiConsole console, IAnsiConsole errors, Backtester backtester, string outDir, bool asJson, string commandLine, bool force)
    {
        using var runLock = OutputDirectory.Prepare(outDir, force: force);
        backtester.Prepare();
        var o = backtester.Options;
        int folds = backtester.Folds.Count;
        var result = ConsoleRun.Cancellable(token =>
        {
            if (asJson) return backtester.Run(token);
            errors.MarkupLineInterpolated($"[bold]recur forecast --backtest {folds}[/]: {o.Model.ToString().ToUpperInvariant()}({o.Features.Count}→{o.Hidden}) on {o.CsvPath}, {backtester.Backtest.Scheme.ToString().ToLowerInvariant()} origins, {o.Epochs} epochs each");
            return ConsoleRun.WithProgress(errors, "training", folds * o.Epochs, task =>
            {
                backtester.EpochCompleted += (fold, e) =>
                {
                    task.Value = (fold - 1) * o.Epochs + e.Epoch;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"fold {fold}/{folds}  epoch {e.Epoch}/{o.Epochs}");
                };
                return backtester.Run(token);
            });
        }, "the backtest was interrupted; nothing was written.");

        var files = new RunFiles(outDir);
        files.Write("backtest.csv", BacktestReport.ScoresCsv(result));
        files.Write("backtest.png", BacktestCharts.Folds(result));
        files.List("backtest.json");
        files.List("report.md");
        string document = CommandJson.Format("forecast", BacktestSummaryJson.Of(result, files.Names), result.DataNotes);
        files.Write("backtest.json", document);
        files.Write("report.md", BacktestReport.Markdown(result, "backtest.png", commandLine));
        files.Commit();
        if (asJson)
        {
            console.Profile.Out.Writer.WriteLine(document);
            return 0;
        }

        foreach (string note in result.DataNotes) errors.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        var forecasters = result.Forecasters;
        var perFold = new Table().Title("Test RMSE per fold (default: what the fold chose; ARIMA: its orders)");
        perFold.AddColumn("fold: rows").AddColumn("default").AddColumn("p,d,q");
        foreach (var f in forecasters) perFold.AddColumn(new TableColumn(Markup.Escape(f.Key)).RightAligned());
        foreach (var fold in result.Folds)
            perFold.AddRow([$"{fold.Number}: {fold.Points[0].Row + 1}–{fold.Points[^1].Row + 1}", Markup.Escape(fold.Choice.Name),
                $"{fold.Arima.P},{fold.Arima.D},{fold.Arima.Q}", .. forecasters.Select(f => F(fold.Scores(f).Rmse))]);
        console.Write(perFold);
        var summary = new Table().Title($"Mean ± sd over {folds} folds")
            .AddColumn("forecaster").AddColumn(new TableColumn("RMSE").RightAligned()).AddColumn(new TableColumn("MAE").RightAligned())
            .AddColumn(new TableColumn("MAPE").RightAligned());
        foreach (var f in forecasters)
        {
            var (rmse, mae, mape) = result.Summary(f);
            summary.AddRow(Markup.Escape(f.Name), $"{F(rmse.Mean)} ± {F(rmse.StandardDeviation)}", $"{F(mae.Mean)} ± {F(mae.StandardDeviation)}",
                string.Create(CultureInfo.InvariantCulture, $"{mape.Mean:0.00} ± {mape.StandardDeviation:0.00} %"));
        }
        console.Write(summary);
        console.MarkupLine(Markup.Escape(BacktestReport.Verdicts(result)));
        console.MarkupLineInterpolated($"wrote {string.Join(", ", files.Names)} to {outDir}");
        return 0;
    }

    private static string F(double value) => value.ToString(Math.Abs(value) >= 1000 ? "N1" : "0.000", CultureInfo.InvariantCulture);
}
