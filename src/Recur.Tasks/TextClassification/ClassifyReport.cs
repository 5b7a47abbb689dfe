using System.Globalization;
using System.Text;

namespace Recur.Tasks.TextClassification;

/// <summary>The text files of a classify run: the test predictions as CSV, <c>report.md</c>, and the verdict sentence.</summary>
public static class ClassifyReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One line per test text: the true and predicted class, the predicted class's probability, and the text (RFC 4180 quoting).</summary>
    public static string PredictionsCsv(ClassifyResult r)
    {
        var names = r.Data.ClassNames;
        var csv = new StringBuilder("actual,predicted,probability,correct,text\n");
        foreach (var t in r.Test)
            csv.Append(Invariant, $"{Quote(names[t.Actual])},{Quote(names[t.Predicted])},{t.Probability:0.######},{(t.IsCorrect ? 1 : 0)},{Quote(t.Text)}\n");
        return csv.ToString();
    }

    /// <summary>
    /// The Markdown report: data and split, model and training, the test figures beside the baselines with a plain verdict,
    /// per-class figures, the confusion matrix, the most confident mistakes, and the charts (file names beside it, or null).
    /// </summary>
    public static string Markdown(ClassifyResult r, string? curvesChart, string? confusionChart, string commandLine)
    {
        var o = r.Options;
        var d = r.Data;
        var names = d.ClassNames;
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# Text classification: {CorpusName(o)}");
        md.AppendLine();
        md.AppendLine(Invariant, $"Produced by `{commandLine}`.");
        md.AppendLine();
        md.AppendLine("## Data");
        md.AppendLine();
        md.AppendLine(Invariant, $"- Source: `{d.All.Source ?? o.DataPath}`, {d.All.Count:N0} texts; classes {Balance(d.All.CountPerClass(), names, d.All.Count)}.");
        foreach (string note in d.All.Notes) md.AppendLine(Invariant, $"- {note}");
        if (d.All.DroppedEmptyLines.Count > 0)
            md.AppendLine(Invariant, $"- {d.All.DroppedEmptyLines.Count} row(s) with an empty text were left out (lines {string.Join(", ", d.All.DroppedEmptyLines.Take(10))}{(d.All.DroppedEmptyLines.Count > 10 ? ", …" : "")}).");
        md.AppendLine(Invariant, $"- Split (stratified, seed {o.Seed}): {d.Train.Count:N0} training, {d.Validation.Count:N0} validation, {d.Test.Count:N0} test texts; test classes {Balance(d.Test.CountPerClass(), names, d.Test.Count)}.");
        var t = d.Tokenization;
        md.AppendLine(Invariant, $"- Tokens: {(t.Level == TokenLevel.Char ? "characters" : "words")}{(t.Lowercase ? ", lower-cased" : "")}; vocabulary of {t.Vocabulary.Count:N0} ids from the training texts only (`<pad>` = 0, `<unk>` = 1); every text {(t.Padding == Nn.SequenceSide.Pre ? "pre" : "post")}-padded or cut to {t.MaxLength} tokens (cut at the {(t.Truncating == Nn.SequenceSide.Pre ? "start" : "end")}); the recurrent layers read each text's real tokens only.");
        md.AppendLine();
        md.AppendLine("## Model and training");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine(r.Summary.ToString().TrimEnd());
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(Invariant, $"- Recipe {o.Recipe}; {o.Optimizer}, learning rate {o.LearningRate}, batch {o.BatchSize}, {r.History.Epochs.Count} epoch(s) run of at most {o.Epochs}" +
            $"{(o.Patience is int p ? I($", early stopping after {p} epoch(s) without a lower validation loss") : "")}{(o.BalanceClasses ? ", classes weighted inversely to their frequency" : "")}" +
            $"{(r.ResumedAfterEpoch is int e ? I($", resumed after epoch {e}") : "")}; {r.TrainingTime.TotalSeconds:0.0} s ({r.SecondsPerEpoch:0.00} s per epoch).");
        if (r.History.RestoredEpoch is int restored) md.AppendLine(Invariant, $"- The weights are those of epoch {restored}, the lowest validation loss.");
        if (r.History.StoppedEarly is string why) md.AppendLine(Invariant, $"- {why}");
        md.AppendLine();
        if (r.Baselines.Count > 0)
        {
            md.AppendLine(Invariant, $"## Test ({d.Test.Count:N0} texts)");
            md.AppendLine();
            md.AppendLine(Invariant, $"| classifier | accuracy | macro F1 | {names[^1]} F1 | ROC-AUC |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            Row(md, NetworkName(o), r.Network);
            foreach (var b in r.Baselines) Row(md, b.Name, b.Scores);
            md.AppendLine();
            md.AppendLine(Verdict(r));
            md.AppendLine();
        }
        md.AppendLine(r.Baselines.Count > 0 ? "## The network per class" : "## The network on its training words");
        md.AppendLine();
        md.AppendLine("| class | precision | recall | F1 | texts |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        var c = r.Network.Confusion;
        for (int k = 0; k < names.Count; k++)
        {
            long support = Enumerable.Range(0, names.Count).Sum(j => c[k, j]);
            md.AppendLine(Invariant, $"| {Escape(names[k])} | {c.Precision(k):0.0000} | {c.Recall(k):0.0000} | {c.F1(k):0.0000} | {support} |");
        }
        md.AppendLine();
        md.AppendLine("Confusion matrix (rows: true class, columns: predicted):");
        md.AppendLine();
        md.AppendLine("| | " + string.Join(" | ", names.Select(Escape)) + " |");
        md.AppendLine("|---|" + string.Concat(names.Select(_ => "---:|")));
        for (int k = 0; k < names.Count; k++)
            md.AppendLine("| " + Escape(names[k]) + " | " + string.Join(" | ", Enumerable.Range(0, names.Count).Select(j => c[k, j].ToString(Invariant))) + " |");
        md.AppendLine();
        if (o.Recipe == TextRecipe.SlidesChars)
        {
            md.AppendLine("| word | class | P(positive) |");
            md.AppendLine("|---|---|---:|");
            foreach (var item in r.Test) md.AppendLine(Invariant, $"| {Escape(item.Text)} | {Escape(names[item.Actual])} | {item.PositiveProbability:0.000} |");
            md.AppendLine();
        }
        var mistakes = r.ConfidentMistakes;
        if (mistakes.Count > 0 && r.Baselines.Count > 0)
        {
            md.AppendLine("## The most confident mistakes");
            md.AppendLine();
            md.AppendLine("| true | predicted | probability | text |");
            md.AppendLine("|---|---|---:|---|");
            foreach (var m in mistakes)
                md.AppendLine(Invariant, $"| {Escape(names[m.Actual])} | {Escape(names[m.Predicted])} | {m.Probability:0.000} | {Escape(Shorten(m.Text, 160))} |");
            md.AppendLine();
        }
        if (curvesChart is not null || confusionChart is not null)
        {
            md.AppendLine("## Charts");
            md.AppendLine();
            if (curvesChart is not null) md.AppendLine(Invariant, $"![Loss and accuracy per epoch, training and validation]({curvesChart})").AppendLine();
            if (confusionChart is not null) md.AppendLine(Invariant, $"![Confusion matrix of the test texts]({confusionChart})").AppendLine();
        }
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine("- `predictions.csv`: every test text with its true and predicted class and the probability.");
        md.AppendLine(Invariant, $"- `{TextClassifier.CheckpointFolder}/`: the weights (safetensors), the optimizer state and `checkpoint.json` with the classes, vocabulary, tokenizer settings and architecture; `recur predict --model <this directory> --text \"...\"` classifies with it alone, `--resume` continues training.");
        md.AppendLine("- `classify.json`: the figures and settings, machine-readable.");
        return md.ToString();
    }

    /// <summary>Plain words on whether the network beats the best baseline, by how much, and whether that is beyond noise.</summary>
    public static string Verdict(ClassifyResult r)
    {
        if (r.BestBaseline is not { } best || r.AgainstBestBaseline is not { } test)
            return "There is no test part, so no baseline was scored.";
        double points = (r.Network.Accuracy - best.Scores.Accuracy) * 100;
        string noise = test.PValue < 0.05
            ? I($"McNemar's test on the {test.Discordant} texts only one of them got right gives p = {P(test.PValue)}: the difference is beyond noise.")
            : I($"McNemar's test on the {test.Discordant} texts only one of them got right gives p = {P(test.PValue)}: the difference is within noise, so neither is shown better.");
        string comparison = points > 0
            ? I($"The network beats the best baseline, {best.Name}, by {points:0.00} points of accuracy ({r.Network.Accuracy:P2} against {best.Scores.Accuracy:P2}).")
            : points == 0
                ? I($"The network ties the best baseline, {best.Name}, at {r.Network.Accuracy:P2} accuracy.")
                : I($"The network does not beat the best baseline, {best.Name}: {-points:0.00} points of accuracy below it ({r.Network.Accuracy:P2} against {best.Scores.Accuracy:P2}).");
        return comparison + " " + noise;
    }

    /// <summary>The network's name in tables ("BiLSTM network").</summary>
    public static string NetworkName(ClassifyOptions o) => o.Model switch
    {
        TextModelKind.Rnn => "SimpleRNN network",
        TextModelKind.Lstm => "LSTM network",
        TextModelKind.Gru => "GRU network",
        TextModelKind.BiLstm => "BiLSTM network",
        _ => "CNN (Conv1D + max pooling)",
    };

    /// <summary>The corpus' name in titles.</summary>
    public static string CorpusName(ClassifyOptions o) => o.Recipe == TextRecipe.SlidesChars ? "deck 003's four words" : o.Corpus switch
    {
        TextCorpus.SmsSpam => "SMS spam",
        TextCorpus.RtPolarity => "rt-polarity movie-review sentences",
        TextCorpus.Nsmc => "NSMC Korean movie reviews",
        TextCorpus.Sentences => "Sentiment Labelled Sentences",
        _ => Path.GetFileName(o.DataPath),
    };

    private static void Row(StringBuilder md, string name, ClassifierScores s) => md.AppendLine(Invariant,
        $"| {Escape(name)} | {s.Accuracy:P2} | {s.MacroF1:0.0000} | {s.PositiveF1:0.0000} | {(s.RocAuc is double auc ? auc.ToString("0.0000", Invariant) : "–")} |");

    private static string Balance(int[] counts, IReadOnlyList<string> names, int total) =>
        string.Join(", ", counts.Select((n, k) => I($"{names[k]} {n:N0} ({(total == 0 ? 0 : (double)n / total):P1})")));

    private static string P(double p) => p < 1e-4 ? p.ToString("0.0e+0", Invariant) : p.ToString("0.0000", Invariant);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string I(FormattableString text) => text.ToString(Invariant);
}
