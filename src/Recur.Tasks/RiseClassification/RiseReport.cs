using System.Globalization;
using System.Text;

namespace Recur.Tasks.RiseClassification;

/// <summary>The text files of an up/down run: the test days' probabilities as CSV and <c>report.md</c>.</summary>
public static class RiseReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One line per test day: row, date, price, whether it rose, each model's probability and the network's call.</summary>
    public static string PredictionsCsv(RiseResult r)
    {
        var text = new StringBuilder("row,date,price,rose,p_network,p_logistic,network_calls_rise\n");
        var close = r.Series.Column(r.Options.Price);
        var network = r.Network.TestProbabilities;
        var logistic = r.Models.Single(m => m.Key == "logistic").TestProbabilities;
        for (int i = 0; i < r.TestRows.Count; i++)
        {
            int row = r.TestRows[i];
            text.Append(Invariant, $"{row + 1},{r.Series.Dates?[row].ToString("yyyy-MM-dd", Invariant)},{close[row]:R},{r.TestLabels[i]},{network[i]:0.######},{logistic[i]:0.######},{(network[i] >= r.Network.Test.Threshold ? 1 : 0)}\n");
        }
        return text.ToString();
    }

    /// <summary>The question the run answers: "Does Close rise by 5 % or more within 5 days?"</summary>
    public static string Question(RiseOptions o) =>
        string.Create(Invariant, $"Does {o.Price} rise by {o.RisePercent:0.##} % or more within {(o.Within == 1 ? "the next day" : $"{o.Within} days")}?");

    /// <summary>The Markdown report; the chart names are files in the same directory, or null when not drawn.</summary>
    public static string Markdown(RiseResult r, string? curvesChart, string? risesChart, string? lossChart, string commandLine)
    {
        var o = r.Options;
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# Up/down: {Question(o)} — {Path.GetFileName(o.CsvPath)}");
        md.AppendLine();
        md.AppendLine(Invariant, $"Produced by `{commandLine}`.");
        md.AppendLine();
        md.AppendLine("## Data and label");
        md.AppendLine();
        string dates = r.Series.Dates is { Count: > 0 } d ? I($", {d[0]:yyyy-MM-dd} … {d[^1]:yyyy-MM-dd}") : ", no dates";
        md.AppendLine(Invariant, $"- File: `{o.CsvPath}`, {r.Series.RowCount:N0} rows{dates}.");
        md.AppendLine(Invariant, $"- Label of a day: 1 when the highest {o.Price} of the next {o.Within} day(s) is at least {o.RisePercent:0.##} % above the day's.");
        var (train, validation, test, purged) = r.Samples;
        md.AppendLine(Invariant, $"- Samples, oldest first: {train:N0} training, {validation:N0} validation, {test:N0} test days; the last {purged} day(s) before each boundary are left out, since their labels are decided inside the next span.");
        var (trainRate, validationRate, testRate) = r.BaseRates;
        md.AppendLine(Invariant, $"- **Base rate** (share of rise days): {P(trainRate)} training, {P(validationRate)} validation, {P(testRate)} test — {r.TestLabels.Sum()} rise day(s) in the test span. " +
            $"A model that always says no is right on {P(1 - testRate)} of the test days, which is why accuracy alone says nothing here.");
        string features = string.Join("; ", r.Config.Features.Select(f => $"`{f}` ({RiseFeatures.Catalogue[f]})"));
        md.AppendLine(Invariant, $"- Features of each day ({r.Config.Features.Count}), standardised with the training days' mean and deviation: {features}.");
        foreach (string note in r.DataNotes) md.AppendLine(Invariant, $"- {note}");
        md.AppendLine();
        md.AppendLine("## Models");
        md.AppendLine();
        md.AppendLine(Invariant, $"- {o.Model.ToString().ToUpperInvariant()}({r.Config.Features.Count}→{o.Hidden}), {o.Layers} layer(s), over windows of {o.Window} days ending on the decision day; last hidden state → Linear → one logit; {r.Summary.TotalParameters:N0} parameters.");
        md.AppendLine(Invariant, $"- Binary cross-entropy on the logit{(r.PositiveWeight is double w ? I($" with pos_weight = {w:0.##} (the training span's negatives ÷ positives, so both classes weigh alike)") : ", unweighted")}; " +
            $"Adam {o.LearningRate}, batches of {o.BatchSize}, at most {o.Epochs} epochs with early stopping on the validation loss (patience {o.Patience}): {r.History.Epochs.Count} ran, the weights of epoch {r.BestEpoch} kept; {r.TrainingTime.TotalSeconds:0.0} s.");
        md.AppendLine(Invariant, $"- Logistic regression on the decision day's features (the same features, without the window), C = {o.Regularization:0.###}{(o.Weighting == ClassWeighting.Balanced ? ", balanced class weights" : "")}, fitted by Newton's method ({r.Logistic.Iterations} steps).");
        md.AppendLine("- Always no: every day the same score, never a rise call.");
        md.AppendLine(Invariant, $"- Each model's decision threshold is the one with the best {(o.Threshold == ThresholdRule.F1 ? "F1 of the rise class" : "Youden's J (true-positive rate − false-positive rate)")} on the validation span.");
        md.AppendLine();
        md.AppendLine(Invariant, $"## Test span ({test:N0} days, {r.TestLabels.Sum()} rises)");
        md.AppendLine();
        md.AppendLine("| model | PR-AUC | ROC-AUC | threshold | precision | recall | F1 | accuracy | TP | FP | FN | TN |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in r.Models)
        {
            var s = m.Test;
            var c = s.Confusion;
            md.AppendLine(Invariant, $"| {m.Name} | {F(s.PrAuc)} | {F(s.RocAuc)} | {(double.IsInfinity(s.Threshold) ? "—" : F(s.Threshold))} | {F(s.Precision)} | {F(s.Recall)} | {F(s.F1)} | {F(s.Accuracy)} | {c[1, 1]} | {c[0, 1]} | {c[1, 0]} | {c[0, 0]} |");
        }
        md.AppendLine();
        md.AppendLine("TP: rises called, FP: calls that did not rise, FN: rises missed, TN: quiet days left alone. PR-AUC is the average precision over all thresholds (always-no's equals the base rate); ROC-AUC is ½ for a model that ranks at random.");
        md.AppendLine();
        md.AppendLine("## Verdict");
        md.AppendLine();
        md.AppendLine(Verdict(r));
        md.AppendLine();
        md.AppendLine("## Validation span");
        md.AppendLine();
        md.AppendLine("| model | PR-AUC | ROC-AUC | F1 at its threshold |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var m in r.Models) md.AppendLine(Invariant, $"| {m.Name} | {F(m.Validation.PrAuc)} | {F(m.Validation.RocAuc)} | {F(m.Validation.F1)} |");
        md.AppendLine();
        md.AppendLine("## Logistic regression coefficients");
        md.AppendLine();
        md.AppendLine("On standardised features: the change in log-odds of a rise per standard deviation of the feature.");
        md.AppendLine();
        md.AppendLine("| feature | coefficient |");
        md.AppendLine("|---|---:|");
        md.AppendLine(Invariant, $"| (intercept) | {r.Logistic.Intercept:0.####} |");
        for (int i = 0; i < r.Config.Features.Count; i++) md.AppendLine(Invariant, $"| `{r.Config.Features[i]}` | {r.Logistic.Weights[i]:0.####} |");
        md.AppendLine();
        if (curvesChart is not null || risesChart is not null || lossChart is not null)
        {
            md.AppendLine("## Charts");
            md.AppendLine();
            if (curvesChart is not null) md.AppendLine(Invariant, $"![Precision-recall and ROC curves on the test span]({curvesChart})").AppendLine();
            if (risesChart is not null) md.AppendLine(Invariant, $"![The test span's prices with the rise days and the network's calls]({risesChart})").AppendLine();
            if (lossChart is not null) md.AppendLine(Invariant, $"![Training and validation loss per epoch]({lossChart})").AppendLine();
        }
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine("- `predictions.csv`: each test day's label, both models' probabilities and the network's call.");
        md.AppendLine("- `updown.json`: the scores, base rates and verdict, machine-readable.");
        md.AppendLine("- `checkpoint/`: the network's weights (safetensors, PyTorch names) and `checkpoint.json` with the features, scaler, training ranges and threshold; `recur predict --model <this directory> --csv FILE` calls the file's last day.");
        return md.ToString();
    }

    /// <summary>Whether the network's PR-AUC is above both baselines', and whether the gap is beyond chance.</summary>
    public static string Verdict(RiseResult r)
    {
        var network = r.Network.Test;
        var logistic = r.Models.Single(m => m.Key == "logistic").Test;
        var never = r.Models.Single(m => m.Key == "always_no").Test;
        if (!double.IsFinite(network.PrAuc))
            return "The test span holds no rise day, so no PR-AUC can be measured there: the run says nothing about the network's skill.";
        string head = r.NetworkAboveBaselines
            ? I($"The network's test PR-AUC, {network.PrAuc:0.###}, is above both baselines' (logistic regression {logistic.PrAuc:0.###}, always-no {never.PrAuc:0.###}).")
            : I($"The network's test PR-AUC, {network.PrAuc:0.###}, is not above both baselines' (logistic regression {logistic.PrAuc:0.###}, always-no {never.PrAuc:0.###}).");
        var sentences = new List<string> { head };
        if (r.AgainstLogistic is { } l) sentences.Add(Interval("the logistic regression", l));
        if (r.AgainstAlwaysNo is { } a) sentences.Add(Interval("always-no (the base rate)", a));
        if (r.TestLabels.Sum() < 20)
            sentences.Add(I($"With only {r.TestLabels.Sum()} rise days in the test span, every one of these figures moves a lot with a single day."));
        return string.Join(" ", sentences);
    }

    private static string Interval(string against, PrAucDifference d) =>
        double.IsNaN(d.Low)
            ? I($"No bootstrap resample held a rise day, so the gap to {against} has no interval.")
            : I($"Against {against} the gap is {d.Difference:+0.###;-0.###;0} (95 % moving-block bootstrap interval {d.Low:+0.###;-0.###;0} … {d.High:+0.###;-0.###;0}, blocks of {d.BlockLength} days, {d.Resamples} resamples): ") +
              (d.ClearlyAbove ? "the network ranks the rise days better, beyond chance." : d.High < 0 ? "the network ranks them worse, beyond chance." : "within what chance produces.");

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.###", Invariant);

    private static string P(double share) => double.IsNaN(share) ? "n/a" : (100 * share).ToString("0.##", Invariant) + " %";

    private static string I(FormattableString text) => text.ToString(Invariant);
}
