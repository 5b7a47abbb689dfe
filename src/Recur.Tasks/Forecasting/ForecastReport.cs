using System.Globalization;
using System.Text;
using Recur.Data.Windows;

namespace Recur.Tasks.Forecasting;

/// <summary>The text files of a forecast run: the test-span predictions as CSV and <c>report.md</c>.</summary>
public static class ForecastReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// One line per test window: its row, date (when known), and per horizon step the actual value, the network's forecast,
    /// the naive forecast and the AR forecast, in price units.
    /// </summary>
    public static string PredictionsCsv(ForecastResult result)
    {
        var text = new StringBuilder("row,date");
        int h = result.Options.Horizon;
        for (int j = 1; j <= h; j++)
        {
            string s = h == 1 ? "" : $"_{j}";
            text.Append(Invariant, $",actual{s},predicted{s},naive{s},ar{result.AutoRegressiveOrder}{s}");
        }
        text.Append('\n');
        foreach (var p in result.Test)
        {
            text.Append(Invariant, $"{p.Row + 1},{p.Date?.ToString("yyyy-MM-dd", Invariant)}");
            for (int j = 0; j < h; j++)
                text.Append(Invariant, $",{R(p.Actual[j])},{R(p.Predicted[j])},{R(p.Naive[j])},{R(p.AutoRegressive[j])}");
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// The Markdown report: data, set-up, the scores beside the baselines with a plain verdict, and the charts
    /// (<paramref name="lossChart"/>, <paramref name="forecastChart"/>: file names in the same directory, or null when not drawn).
    /// </summary>
    public static string Markdown(ForecastResult r, string? lossChart, string? forecastChart, string commandLine)
    {
        var o = r.Options;
        var s = r.Series;
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# Forecast of {o.Target}: {Path.GetFileName(o.CsvPath)}");
        md.AppendLine();
        md.AppendLine(Invariant, $"Produced by `{commandLine}`.");
        md.AppendLine();
        md.AppendLine("## Data");
        md.AppendLine();
        string dates = s.Dates is { Count: > 0 } d ? I($", {d[0]:yyyy-MM-dd} … {d[^1]:yyyy-MM-dd}.") : ", no dates.";
        md.AppendLine(Invariant, $"- File: `{o.CsvPath}` ({s.EncodingName ?? "encoding unknown"}), {s.RowCount} rows{dates}");
        string where = o.TargetAt == TargetAlignment.NextStep
            ? I($"of the {Steps(o.Horizon)} after each window")
            : I($"at each window's last step{(o.Horizon > 1 ? I($" and the {o.Horizon - 1} after it") : "")}");
        md.AppendLine(Invariant, $"- Inputs per step: {string.Join(", ", o.Features)}; target: {o.Target} {where}.");
        string validation = r.ValidationWindows > 0 ? I($", {r.ValidationWindows} for validation") : "";
        md.AppendLine(Invariant,
            $"- Windows of {o.Window} steps: {r.TrainWindows} for training{validation}, {r.TestWindows} for testing (chronological, {o.TrainFraction:0.##} of the windows before the test span).");
        md.AppendLine(Invariant, $"- Min–max scaling fitted on rows 1–{r.LastTrainingRow + 1} only (the training span); the test span's range does not leak into training.");
        foreach (string note in r.DataNotes) md.AppendLine(Invariant, $"- {note}");
        md.AppendLine();
        md.AppendLine("## Model and training");
        md.AppendLine();
        md.AppendLine(Invariant, $"- {o.Model.ToString().ToUpperInvariant()}({o.Features.Count}→{o.Hidden}), {o.Layers} layer(s)" +
            $"{(o.Bidirectional ? ", bidirectional" : "")}{(o.Dropout > 0 ? I($", dropout {o.Dropout}") : "")}, last hidden state → Linear → {o.Horizon} output(s); " +
            $"{r.Summary.TotalParameters:N0} parameters.");
        md.AppendLine(Invariant, $"- The network learns {(o.Learn == ForecastLearning.Change ? "the change of the scaled target since the last known value (its forecast is persistence plus a learned correction)" : "the scaled target's level (as the course does)")}.");
        md.AppendLine(Invariant, $"- Adam, learning rate {o.LearningRate}, MSE, {r.History.Epochs.Count} epoch(s) of batch {o.BatchSize?.ToString(Invariant) ?? "= all training windows"}, seed {o.Seed}" +
            $"{(r.ResumedAfterEpoch is int e ? I($", resumed after epoch {e}") : "")}; {r.TrainingTime.TotalSeconds:0.0} s.");
        if (r.History.Epochs.Count > 0)
        {
            var last = r.History.Epochs[^1];
            string other = last.ValidationLoss is double v ? I($"; {(r.CurveUsesTestSpan ? "test-span" : "validation")} loss {v:0.######}") : "";
            md.AppendLine(Invariant, $"- Final training loss {last.Loss:0.######}{other} (MSE, scaled units).");
        }
        md.AppendLine();
        md.AppendLine(Invariant, $"## Test span ({r.TestWindows} windows, {o.Target} in price units)");
        md.AppendLine();
        md.AppendLine("| forecaster | RMSE | MAE | MAPE |");
        md.AppendLine("|---|---:|---:|---:|");
        Row(md, $"{o.Model.ToString().ToUpperInvariant()} network", r.Network);
        Row(md, "naive persistence (next = last known)", r.Naive);
        Row(md, $"AR({r.AutoRegressiveOrder}) by least squares on the training span", r.AutoRegressive);
        md.AppendLine();
        md.AppendLine(Verdict(r));
        md.AppendLine();
        if (lossChart is not null || forecastChart is not null)
        {
            md.AppendLine("## Charts");
            md.AppendLine();
            if (lossChart is not null)
                md.AppendLine(Invariant, $"![Training loss per epoch]({lossChart})").AppendLine();
            if (forecastChart is not null)
                md.AppendLine(Invariant, $"![Actual, network and naive forecasts on the test span]({forecastChart})").AppendLine();
            if (r.CurveUsesTestSpan)
                md.AppendLine("The loss chart's second line is the test span's loss, recorded for the picture only: no choice was made with it.").AppendLine();
        }
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine("- `predictions.csv`: the test-span forecasts beside the actual values and both baselines.");
        md.AppendLine(Invariant, $"- `{Forecaster.CheckpointFolder}/`: the weights (safetensors, PyTorch names), the optimizer state and `checkpoint.json` with the architecture and scalers; `recur predict --model <this directory> --csv FILE` forecasts from it, `--resume` continues training.");
        md.AppendLine("- `forecast.json`: the scores and settings, machine-readable.");
        return md.ToString();
    }

    /// <summary>One sentence saying whether the network has skill against the baselines.</summary>
    public static string Verdict(ForecastResult r)
    {
        double best = Math.Min(r.Naive.Rmse, r.AutoRegressive.Rmse);
        string bestName = r.Naive.Rmse <= r.AutoRegressive.Rmse ? "naive persistence" : $"AR({r.AutoRegressiveOrder})";
        double change = (r.Network.Rmse - best) / best * 100;
        return r.BeatsBaselines
            ? $"The network beats both baselines: its RMSE is {-change:0.0} % below {bestName}'s, the better baseline."
            : $"The network does not beat the better baseline, {bestName}: its RMSE is {change:0.0} % {(change >= 0 ? "above" : "below")} it. " +
              "A daily price is mostly yesterday's price plus noise; a forecaster has skill only when it beats persistence.";
    }

    private static void Row(StringBuilder md, string name, ForecastScores s) =>
        md.AppendLine(Invariant, $"| {name} | {R(s.Rmse)} | {R(s.Mae)} | {s.Mape:0.00} % |");

    private static string I(FormattableString text) => text.ToString(Invariant);

    private static string Steps(int horizon) => horizon == 1 ? "step" : $"{horizon} steps";

    private static string R(double value) => value.ToString(Math.Abs(value) >= 1000 ? "0.#" : "0.####", Invariant);
}
