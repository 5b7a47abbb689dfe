using System.Globalization;
using System.Text;

namespace Recur.Tasks.Forecasting;

/// <summary>The text files of a walk-forward backtest: per-fold scores as CSV and <c>report.md</c>.</summary>
public static class BacktestReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One line per fold and forecaster: fold, forecaster key, RMSE, MAE, MAPE (percent).</summary>
    public static string ScoresCsv(BacktestResult r)
    {
        var text = new StringBuilder("fold,forecaster,rmse,mae,mape_percent\n");
        foreach (var fold in r.Folds)
            foreach (var f in r.Forecasters)
            {
                var s = fold.Scores(f);
                text.Append(Invariant, $"{fold.Number},{f.Key},{s.Rmse:R},{s.Mae:R},{s.Mape:R}\n");
            }
        return text.ToString();
    }

    /// <summary>The Markdown report; <paramref name="chart"/> is the folds chart's file name, or null.</summary>
    public static string Markdown(BacktestResult r, string? chart, string commandLine)
    {
        var o = r.Options;
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# Walk-forward backtest of {o.Target}: {Path.GetFileName(o.CsvPath)}");
        md.AppendLine();
        md.AppendLine(Invariant, $"Produced by `{commandLine}`.");
        md.AppendLine();
        md.AppendLine("## Set-up");
        md.AppendLine();
        string dates = r.Series.Dates is { Count: > 0 } d ? $", {d[0]:yyyy-MM-dd} … {d[^1]:yyyy-MM-dd}" : ", no dates";
        md.AppendLine(Invariant, $"- File: `{o.CsvPath}`, {r.Series.RowCount} rows{dates}; inputs {string.Join(", ", o.Features)}; target {o.Target}; windows of {o.Window}.");
        md.AppendLine(Invariant, $"- {r.Folds.Count} origins, {(r.Backtest.Scheme == Recur.Data.Windows.WalkForwardScheme.Expanding ? "expanding: each fold trains on every window before its test block" : "sliding: each fold trains on as many windows as the first, the latest before its test block")}. " +
            $"The test blocks tile the single split's test span ({o.TrainFraction:0.##} of the windows before it) without overlap.");
        md.AppendLine(Invariant, $"- In every fold the scalers, the {o.Model.ToString().ToUpperInvariant()} network ({o.Epochs} epochs, seed {o.Seed}), the default forecaster " +
            $"(chosen on the newest {o.ValidationFraction:0.##} of the training windows) and the baselines are fitted afresh on the windows before the block.");
        foreach (string note in r.DataNotes) md.AppendLine(Invariant, $"- {note}");
        md.AppendLine();
        md.AppendLine("## Folds (test RMSE)");
        md.AppendLine();
        var forecasters = r.Forecasters;
        md.AppendLine("| fold | training windows | test rows | default | ARIMA | " + string.Join(" | ", forecasters.Select(f => f.Key == "default" ? "default" : f.Key)) + " |");
        md.AppendLine("|---:|---|---|---|---|" + string.Concat(forecasters.Select(_ => "---:|")));
        foreach (var fold in r.Folds)
        {
            string rows = RowSpan(fold);
            string scores = string.Join(" | ", forecasters.Select(f => R(fold.Scores(f).Rmse)));
            md.AppendLine(Invariant,
                $"| {fold.Number} | {fold.TrainStart + 1}–{fold.TrainStart + fold.TrainCount} ({fold.ValidationWindows} validation) | {rows} | {fold.Choice.Description} | {fold.Arima.Name} | {scores} |");
        }
        md.AppendLine();
        md.AppendLine("## Mean ± sd over the folds");
        md.AppendLine();
        md.AppendLine("| forecaster | RMSE | MAE | MAPE |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var f in forecasters)
        {
            var (rmse, mae, mape) = r.Summary(f);
            md.AppendLine(Invariant, $"| {f.Name} | {R(rmse.Mean)} ± {R(rmse.StandardDeviation)} | {R(mae.Mean)} ± {R(mae.StandardDeviation)} | {mape.Mean:0.00} ± {mape.StandardDeviation:0.00} % |");
        }
        md.AppendLine();
        md.AppendLine(Verdicts(r));
        md.AppendLine();
        if (chart is not null)
        {
            md.AppendLine("## Chart");
            md.AppendLine();
            md.AppendLine(Invariant, $"![The series with each fold's test block and the default forecaster]({chart})");
            md.AppendLine();
        }
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine("- `backtest.csv`: every fold's RMSE, MAE and MAPE per forecaster.");
        md.AppendLine("- `backtest.json`: the folds, the summary and the verdicts, machine-readable.");
        md.AppendLine("- A backtest saves no model: run `recur forecast` without `--backtest` for a checkpoint to predict with.");
        return md.ToString();
    }

    /// <summary>The pooled verdicts over all folds' test windows: the network's and the default's, and Theil's U.</summary>
    public static string Verdicts(BacktestResult r)
    {
        int chosen = r.Folds.Count(f => f.Choice.Kind != ForecasterKind.Persistence);
        return $"Over all {r.Points.Count} test windows: {r.Verdict.Sentence("the network")} " +
               $"The default forecaster kept the network's correction in {chosen} of {r.Folds.Count} folds; over all folds its Theil's U is " +
               $"{r.TheilU.ToString("0.000", Invariant)} and {r.DefaultVerdict.Sentence("it")}";
    }

    private static string RowSpan(BacktestFold fold)
    {
        var first = fold.Points[0];
        var last = fold.Points[^1];
        return first.Date is DateOnly a && last.Date is DateOnly b
            ? $"{a:yyyy-MM-dd} … {b:yyyy-MM-dd}"
            : $"{first.Row + 1}–{last.Row + 1}";
    }

    private static string R(double value) => value.ToString(Math.Abs(value) >= 1000 ? "0.#" : "0.###", Invariant);
}
