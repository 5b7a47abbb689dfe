using System.CommandLine;
using System.Globalization;
using Recur.Cli.Charts;
using Recur.Kernels;
using Recur.Nn;
using Recur.Serialization;
using Recur.Tasks.TextClassification;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur classify</c>: trains a text classifier (spam, movie-review sentiment, a user's CSV) with an embedding and a
/// recurrent or convolutional network, and reports its test figures beside the majority class and bag-of-words naive
/// Bayes and logistic regression, with charts, predictions, a checkpoint and <c>report.md</c> in <c>--out</c>.
/// </summary>
internal static class ClassifyCommand
{
    private static readonly Dictionary<string, TextCorpus> Corpora = new()
    {
        ["sms-spam"] = TextCorpus.SmsSpam,
        ["rt-polarity"] = TextCorpus.RtPolarity,
        ["nsmc"] = TextCorpus.Nsmc,
        ["sentences"] = TextCorpus.Sentences,
    };

    /// <summary>Where each bundled corpus lives under the repository's <c>data/</c>.</summary>
    public static string BundledPath(TextCorpus corpus) => corpus switch
    {
        TextCorpus.SmsSpam => "data/text/sms-spam/SMSSpamCollection",
        TextCorpus.RtPolarity => "data/text/rt-polarity/rt-polarity.pos",
        TextCorpus.Nsmc => "data/text/nsmc/ratings_test.txt",
        _ => "data/text/sentiment-sentences/imdb_labelled.txt",
    };

    public static Command Create(IAnsiConsole console, IAnsiConsole errors)
    {
        var data = new Option<string>("--data") { Description = "Bundled corpus: sms-spam, rt-polarity, nsmc (Korean) or sentences.", DefaultValueFactory = _ => "sms-spam" };
        data.AcceptOnlyFromAmong([.. Corpora.Keys]);
        var csv = new Option<string?>("--csv") { Description = "Your own CSV/TSV of labelled texts instead (needs --text-column and --label-column)." };
        var textColumn = new Option<string?>("--text-column") { Description = "With --csv: the text column's header or 1-based number." };
        var labelColumn = new Option<string?>("--label-column") { Description = "With --csv: the label column's header or 1-based number." };
        var encoding = new Option<string?>("--encoding") { Description = "With --csv: the file's encoding (utf-8, cp949, cp1252…); UTF-8 or CP949 is detected when omitted." };
        var recipe = new Option<string>("--recipe") { Description = "default (measured), slides (the decks' exact settings) or slides-chars (deck 003's four words).", DefaultValueFactory = _ => "default" };
        recipe.AcceptOnlyFromAmong("default", "slides", "slides-chars");
        var model = new Option<string?>("--model") { Description = "rnn, lstm, gru, bilstm or cnn (default: bilstm, cnn for nsmc; the slides: rnn)." };
        model.AcceptOnlyFromAmong("rnn", "lstm", "gru", "bilstm", "cnn");
        var tokens = new Option<string?>("--tokens") { Description = "word or char (Korean: syllables); default word, char for nsmc." };
        tokens.AcceptOnlyFromAmong("word", "char");
        var vocabulary = new Option<int?>("--vocab") { Description = "Most ids in the vocabulary, <pad> and <unk> included (0: every training token)." };
        var maxLength = new Option<int?>("--max-length") { Description = "Tokens per text after padding or cutting (default: enough for 95 % of training texts)." };
        var padding = new Option<string?>("--padding") { Description = "pre or post: where padding goes (default pre, as Keras)." };
        padding.AcceptOnlyFromAmong("pre", "post");
        var embedding = new Option<int?>("--embedding") { Description = "Embedding width." };
        var hidden = new Option<int?>("--hidden") { Description = "Recurrent units per direction, or the CNN's filters." };
        var kernel = new Option<int?>("--kernel") { Description = "cnn: width of the convolution's window (default 5)." };
        var dropout = new Option<float?>("--dropout") { Description = "Dropout after the embedding and before the output layer." };
        var epochs = new Option<int?>("--epochs") { Description = "Most training epochs." };
        var batch = new Option<int?>("--batch") { Description = "Texts per step." };
        var lr = new Option<float?>("--lr") { Description = "Learning rate." };
        var patience = new Option<int?>("--patience") { Description = "Stop after this many epochs without a lower validation loss, keeping the best (0: never stop early)." };
        var balance = new Option<bool>("--balance") { Description = "Weigh classes inversely to their frequency in training." };
        var test = new Option<double?>("--test") { Description = "Share of the texts held out for the test (stratified)." };
        var validation = new Option<double?>("--validation") { Description = "Share of the rest held out for validation (stratified)." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the split, initialisation, dropout and shuffling (default 42)." };
        var threads = ThreadsOption.Create();
        var output = new Option<string>("--out") { Description = "Directory for the report, charts, predictions and checkpoint.", DefaultValueFactory = _ => "runs/classify" };
        var resume = new Option<bool>("--resume") { Description = "Continue training from the checkpoint in --out." };
        var resetOptimizer = ResetOptimizerOption.Create();
        var force = ForceOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of tables." };

        var command = new Command("classify", "Train a text classifier (spam, sentiment, your CSV); compare it with the majority class and bag-of-words baselines on a stratified test split.")
        {
            data, csv, textColumn, labelColumn, encoding, recipe, model, tokens, vocabulary, maxLength, padding, embedding, hidden, kernel, dropout,
            epochs, batch, lr, patience, balance, test, validation, seed, threads, output, resume, resetOptimizer, force, json,
        };
        command.SetAction(parse =>
        {
            var textRecipe = parse.GetValue(recipe) switch { "slides" => TextRecipe.Slides, "slides-chars" => TextRecipe.SlidesChars, _ => TextRecipe.Default };
            string? csvPath = parse.GetValue(csv);
            var corpus = csvPath is null ? Corpora[parse.GetValue(data)!] : TextCorpus.Csv;
            string dataPath = csvPath ?? (textRecipe == TextRecipe.SlidesChars ? "" : BundledData.Find(BundledPath(corpus)));
            if (corpus is TextCorpus.RtPolarity or TextCorpus.Sentences) dataPath = Path.GetDirectoryName(dataPath) is { Length: > 0 } folder ? folder : ".";
            TextModelKind? kind = parse.GetValue(model) switch
            {
                "rnn" => TextModelKind.Rnn, "lstm" => TextModelKind.Lstm, "gru" => TextModelKind.Gru, "bilstm" => TextModelKind.BiLstm,
                "cnn" => TextModelKind.Cnn, _ => null,
            };
            var o = ClassifyOptions.For(textRecipe, corpus, dataPath, kind) with
            {
                TextColumn = parse.GetValue(textColumn),
                LabelColumn = parse.GetValue(labelColumn),
                Encoding = parse.GetValue(encoding),
            };
            if (parse.GetValue(tokens) is string t) o = o with { Tokens = t == "char" ? TokenLevel.Char : TokenLevel.Word };
            if (parse.GetValue(vocabulary) is int v) o = o with { VocabularySize = v == 0 ? null : v };
            if (parse.GetValue(maxLength) is int m) o = o with { MaxLength = m };
            if (parse.GetValue(padding) is string side) o = o with { Padding = side == "post" ? SequenceSide.Post : SequenceSide.Pre };
            if (parse.GetValue(embedding) is int e) o = o with { EmbeddingSize = e };
            if (parse.GetValue(hidden) is int h) o = o with { Hidden = h };
            if (parse.GetValue(kernel) is int k) o = o with { KernelSize = k };
            if (parse.GetValue(dropout) is float d) o = o with { Dropout = d };
            if (parse.GetValue(epochs) is int n) o = o with { Epochs = n };
            if (parse.GetValue(batch) is int b) o = o with { BatchSize = b };
            if (parse.GetValue(lr) is float rate) o = o with { LearningRate = rate };
            if (parse.GetValue(patience) is int p) o = o with { Patience = p == 0 ? null : p };
            if (parse.GetValue(balance)) o = o with { BalanceClasses = true };
            if (parse.GetValue(test) is double testShare) o = o with { TestFraction = testShare };
            if (parse.GetValue(validation) is double validationShare) o = o with { ValidationFraction = validationShare };
            if (parse.GetValue(seed) is ulong s) o = o with { Seed = s };
            ThreadsOption.Apply(parse, threads);

            string outDir = parse.GetValue(output)!;
            bool asJson = parse.GetValue(json);
            var classifier = new TextClassifier(o) { OutputDirectory = outDir, Resume = parse.GetValue(resume),
                ResetOptimizer = ResetOptimizerOption.Read(parse, resetOptimizer, resume) };
            // Bad input fails here, before the output directory is touched.
            classifier.Prepare();
            using var runLock = OutputDirectory.Prepare(outDir, classifier.Resume, parse.GetValue(force));

            var result = ConsoleRun.Cancellable(token => asJson ? classifier.Run(token) : RunWithProgress(errors, classifier, token),
                $"training was interrupted; the last checkpoint in {Path.Combine(outDir, TextClassifier.CheckpointFolder)} is kept (continue with --resume).");

            var files = WriteFiles(result, outDir, ConsoleRun.CommandLine(parse.Tokens.Select(token => token.Value)));
            if (asJson)
            {
                console.Profile.Out.Writer.WriteLine(CommandJson.Format("classify", ClassifySummaryJson.Of(result, files), result.Data.All.Notes));
                return 0;
            }
            PrintResult(console, result, outDir, files);
            return 0;
        });
        return command;
    }

    private static ClassifyResult RunWithProgress(IAnsiConsole console, TextClassifier classifier, CancellationToken cancellationToken)
    {
        var o = classifier.Options;
        var d = classifier.Data;
        console.MarkupLineInterpolated($"[bold]recur classify[/]: {ClassifyReport.NetworkName(o)} on {ClassifyReport.CorpusName(o)} ({d.All.Count:N0} texts: {d.Train.Count:N0} training, {d.Validation.Count:N0} validation, {d.Test.Count:N0} test), at most {o.Epochs} epochs");
        foreach (string note in d.All.Notes) console.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        return ConsoleRun.WithProgress(console, "training", o.Epochs, task =>
        {
            string last = "";
            classifier.StepCompleted += s =>
            {
                task.Value = s.Epoch - 1 + (double)s.Step / Math.Max(1, s.Steps);
                task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {s.Epoch}/{o.Epochs}  loss {s.Loss:0.0000}{last}");
            };
            classifier.EpochCompleted += e =>
            {
                task.Value = e.Epoch;
                string accuracy = e.Metrics.TryGetValue("accuracy", out double a) ? string.Create(CultureInfo.InvariantCulture, $"  acc {a:P1}") : "";
                string validation = e.ValidationMetrics.TryGetValue("accuracy", out double va) ? string.Create(CultureInfo.InvariantCulture, $"  val acc {va:P1}") : "";
                last = accuracy + validation;
                task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {e.Epoch}/{o.Epochs}  loss {e.Loss:0.0000}{last}");
            };
            return classifier.Run(cancellationToken);
        });
    }

    private static IReadOnlyList<string> WriteFiles(ClassifyResult result, string outDir, string commandLine)
    {
        var files = new RunFiles(outDir);
        files.List(TextClassifier.CheckpointFolder + "/");
        files.Write("predictions.csv", ClassifyReport.PredictionsCsv(result));
        files.Write("curves.png", ClassifyCharts.Curves(result));
        files.Write("confusion.png", ClassifyCharts.Confusion(result));
        files.List("classify.json");
        files.List("report.md");
        files.Write("classify.json", CommandJson.Format("classify", ClassifySummaryJson.Of(result, files.Names), result.Data.All.Notes));
        files.Write("report.md", ClassifyReport.Markdown(result, "curves.png", "confusion.png", commandLine));
        files.Commit();
        return files.Names;
    }

    private static void PrintResult(IAnsiConsole console, ClassifyResult r, string outDir, IReadOnlyList<string> files)
    {
        console.Write(new Text(r.Summary.ToString().TrimEnd() + "\n"));
        console.MarkupLineInterpolated($"trained {r.History.Epochs.Count} epoch(s) in {r.TrainingTime.TotalSeconds:0.0} s ({r.SecondsPerEpoch:0.00} s per epoch){(r.History.RestoredEpoch is int e ? $"; kept epoch {e}, the lowest validation loss" : "")}");
        var names = r.Data.ClassNames;
        if (r.Options.Recipe == TextRecipe.SlidesChars)
        {
            var words = new Table().AddColumn("word").AddColumn("class").AddColumn(new TableColumn("P(positive)").RightAligned());
            foreach (var t in r.Test)
                words.AddRow(Markup.Escape(t.Text), Markup.Escape(names[t.Actual]), t.PositiveProbability.ToString("0.000", CultureInfo.InvariantCulture));
            console.Write(words);
        }
        else
        {
            var table = new Table().Title($"Test: {r.Data.Test.Count:N0} texts")
                .AddColumn("classifier").AddColumn(new TableColumn("accuracy").RightAligned()).AddColumn(new TableColumn("macro F1").RightAligned())
                .AddColumn(new TableColumn($"{Markup.Escape(names[^1])} F1").RightAligned()).AddColumn(new TableColumn("ROC-AUC").RightAligned());
            void Row(string name, ClassifierScores s, bool bold) => table.AddRow(bold ? $"[bold]{Markup.Escape(name)}[/]" : Markup.Escape(name),
                s.Accuracy.ToString("P2", CultureInfo.InvariantCulture), s.MacroF1.ToString("0.0000", CultureInfo.InvariantCulture),
                s.PositiveF1.ToString("0.0000", CultureInfo.InvariantCulture), s.RocAuc?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "–");
            Row(ClassifyReport.NetworkName(r.Options), r.Network, true);
            foreach (var b in r.Baselines) Row(b.Name, b.Scores, false);
            console.Write(table);
            console.MarkupLine((r.BeatsBestBaseline ? "[green]" : "[yellow]") + Markup.Escape(ClassifyReport.Verdict(r)) + "[/]");
        }
        console.MarkupLineInterpolated($"wrote {string.Join(", ", files)} to {outDir}");
    }
}
