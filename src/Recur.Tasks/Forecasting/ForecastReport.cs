using System.Globalization;
using System.Text;
using Recur.Data.Windows;

namespace Recur.Tasks.Forecasting;

/// <summary>The text files of a forecast run: the test-span predictions as CSV and <c>report.md</c>.</summary>
public static class ForecastReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Writes <c>predictions.csv</c> to <paramref name="writer"/> line by line (a long test span's file is never held whole):
    /// one line per test window, its row, date (when known), and per horizon step the actual value, the network's
    /// forecast, the naive, AR and ARIMA forecasts, the default forecaster's (and the seasonal naive one when a season is
    /// given), in price units.
    /// </summary>
    public static void WritePredictionsCsv(ForecastResult result, TextWriter writer)
    {
        int h = result.Options.Horizon;
        bool seasonal = result.Options.Season is not null;
        writer.Write("row,date");
        for (int j = 1; j <= h; j++)
        {
            string s = h == 1 ? "" : $"_{j}";
            writer.Write(string.Create(Invariant, $",actual{s},predicted{s},naive{s},ar{result.AutoRegressiveOrder}{s},arima{s},default{s}"));
            if (seasonal) writer.Write(string.Create(Invariant, $",seasonal_naive{s}"));
        }
        writer.Write('\n');
        // Read column by column (spans of the run's arrays), not point by point: no object per window.
        var test = result.Test;
        var actual = Column(ForecastValues.Actual);
        var predicted = Column(ForecastValues.Predicted);
        var naive = Column(ForecastValues.Naive);
        var autoRegressive = Column(ForecastValues.AutoRegressive);
        var arima = Column(ForecastValues.Arima);
        var @default = Column(ForecastValues.Default);
        var seasonalNaive = seasonal ? Column(ForecastValues.SeasonalNaive) : default;
        var rows = ForecastPoints.RowsOf(test);
        Func<int, DateOnly?> dateOf = test is ForecastPoints held ? held.DateOf : i => test[i].Date;
        for (int i = 0; i < test.Count; i++)
        {
            writer.Write(string.Create(Invariant, $"{rows[i] + 1},{dateOf(i)?.ToString("yyyy-MM-dd", Invariant)}"));
            for (int j = i * h; j < (i + 1) * h; j++)
            {
                writer.Write(string.Create(Invariant, $",{R(actual[j])},{R(predicted[j])},{R(naive[j])},{R(autoRegressive[j])},{R(arima[j])},{R(@default[j])}"));
                if (seasonal) writer.Write(string.Create(Invariant, $",{R(seasonalNaive[j])}"));
            }
            writer.Write('\n');
        }

        ReadOnlySpan<double> Column(ForecastValues which) => ForecastPoints.Flatten(result.Test, which);
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
        md.AppendLine(Invariant, $"- Adam, learning rate {o.LearningRate}, MSE, {r.History.Epochs.Count} epoch(s) of batch {o.BatchSize?.ToString(Invariant) ?? (r.TrainWindows + r.ValidationWindows <= ForecastOptions.FullBatchLimit ? "= all training windows" : I($"{ForecastOptions.LargeSetBatchSize} (the default past {ForecastOptions.FullBatchLimit:N0} windows)"))}, seed {o.Seed}" +
            $"{(r.ResumedAfterEpoch is int e ? I($", resumed after epoch {e}") : "")}; {r.TrainingTime.TotalSeconds:0.0} s.");
        if (r.ValidationWindows > 0)
            md.AppendLine(Invariant, $"- The newest {r.ValidationWindows} training windows were held out: the network did not train on them, and the default forecaster was chosen on them.");
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
        foreach (var f in r.Forecasters)
            Row(md, Describe(r, f), ForecastScores.Of(r.Test, f));
        md.AppendLine();
        md.AppendLine(Verdict(r));
        md.AppendLine();
        md.AppendLine("## Default forecaster");
        md.AppendLine();
        md.AppendLine(r.Choice.Reason);
        md.AppendLine();
        md.AppendLine(TheilSentence(r.Choice, r.TheilU, r.Default.Rmse, r.Naive.Rmse));
        md.AppendLine();
        md.AppendLine(Invariant, $"The ARIMA baseline's orders were chosen by AIC on the training span among p, q ≤ {o.ArimaMaxOrder} with d = {o.ArimaDifferences}: " +
            $"{r.Arima.Best.Name} (AIC {r.Arima.Best.Aic:0.#}), fitted by conditional sum of squares from a Hannan–Rissanen start.");
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
        md.AppendLine("- `predictions.csv`: the test-span forecasts beside the actual values, the baselines and the default forecaster's.");
        md.AppendLine(Invariant, $"- `{Forecaster.CheckpointFolder}/`: the weights (safetensors, PyTorch names), the optimizer state and `checkpoint.json` with the architecture, scalers and default forecaster; `recur predict --model <this directory> --csv FILE` forecasts from it, `--resume` continues training.");
        md.AppendLine("- `forecast.json`: the scores and settings, machine-readable.");
        return md.ToString();
    }

    /// <summary>
    /// Whether the network has skill against the baselines: the Diebold–Mariano verdict against the best one, with the RMSE
    /// margin for scale.
    /// </summary>
    public static string Verdict(ForecastResult r)
    {
        var verdict = r.Verdict;
        double best = ForecastScores.Of(r.Test, r.Forecasters.Single(f => f.Key == verdict.BaselineKey)).Rmse;
        double change = (r.Network.Rmse - best) / best * 100;
        string margin = I($"its RMSE is {Math.Abs(change):0.0} % {(change <= 0 ? "below" : "above")} {verdict.Baseline}'s");
        string sentence = verdict.Sentence("The network");
        string marginSentence = $"{char.ToUpperInvariant(margin[0])}{margin[1..]}";
        const string Persistence = "A daily price is mostly yesterday's price plus noise; a forecaster has skill only when it beats persistence.";
        // Only a difference the test cannot tell from noise is chance's; a significantly worse network is simply worse.
        return verdict.Result switch
        {
            "better" => $"{sentence} {marginSentence}.",
            "worse" => $"{sentence} {marginSentence}. {Persistence}",
            _ => $"{sentence} {marginSentence}, which is within what chance moves. {Persistence}",
        };
    }

    /// <summary>Theil's U of the default forecaster in a sentence.</summary>
    public static string TheilSentence(ForecastChoice choice, double theilU, double defaultRmse, double naiveRmse) =>
        choice.Kind == ForecasterKind.Persistence
            ? I($"The network was not chosen: the default forecast is persistence, so its test RMSE is persistence's ({naiveRmse:0.####}) and Theil's U is {theilU:0.000}.")
            : I($"The default forecaster, {choice.Description}, has a test RMSE of {defaultRmse:0.####} against persistence's {naiveRmse:0.####}: Theil's U = {theilU:0.000}") +
              (theilU <= 1 ? "." : " — above 1: on the test span it did worse than persistence, although it did better on the validation span.");

    /// <summary>The report's name of a forecaster of <paramref name="r"/>.</summary>
    public static string Describe(ForecastResult r, NamedForecaster f) => f.Key switch
    {
        "default" => $"**default: {r.Choice.Description}**",
        "naive" => "naive persistence (next = last known)",
        "ar" => $"{f.Name} by least squares on the training span",
        "arima" => $"{f.Name} by conditional sum of squares, orders by AIC",
        _ => f.Name,
    };

    private static void Row(StringBuilder md, string name, ForecastScores s) =>
        md.AppendLine(Invariant, $"| {name} | {R(s.Rmse)} | {R(s.Mae)} | {s.Mape:0.00} % |");

    private static string I(FormattableString text) => text.ToString(Invariant);

    private static string Steps(int horizon) => horizon == 1 ? "step" : $"{horizon} steps";

    private static string R(double value) => value.ToString(Math.Abs(value) >= 1000 ? "0.#" : "0.####", Invariant);
}
