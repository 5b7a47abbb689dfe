using System.CommandLine;
using System.Globalization;
using Recur.Cli.Charts;
using Recur.Serialization;
using Recur.Tasks.Recipes;
using Recur.Tasks.RiseClassification;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur updown</c>: does the close rise by X % within N days? A recurrent network on moving-average and MACD features,
/// with the rare rises weighted up and the threshold chosen on validation, against always-no and a logistic regression
/// (by default on the bundled Samsung KRX file); a table, <c>report.md</c>, <c>curves.png</c>, <c>rises.png</c>,
/// <c>updown.json</c> and a checkpoint in <c>--out</c>.
/// </summary>
internal static class UpDownCommand
{
    public static Command Create(IAnsiConsole console, IAnsiConsole errors)
    {
        var defaults = new RiseOptions { CsvPath = BundledData.SamsungKrx };
        var file = new PriceFileOptions($"Daily price CSV (default: Samsung Electronics from KRX, {BundledData.SamsungKrx}).");
        var network = new RecurrentNetworkOptions(defaults.Layers, defaults.Hidden, defaults.Dropout, "runs/updown");
        var price = new Option<string>("--price") { Description = "The price column whose rises are called and from which the indicators are computed.", DefaultValueFactory = _ => defaults.Price };
        var rise = new Option<double>("--rise") { Description = "The rise in percent that makes a day a positive.", DefaultValueFactory = _ => defaults.RisePercent };
        var within = new Option<int>("--within") { Description = "Days ahead in which the close must reach the rise (--rise 5 --within 1 is the course's deck).", DefaultValueFactory = _ => defaults.Within };
        var features = new Option<string?>("--features") { Description = $"Comma-separated features (default: {string.Join(',', RiseFeatures.Default)}; also close, ma5…ma120, volume as levels)." };
        var window = new Option<int>("--window") { Description = "Days of features per input sequence.", DefaultValueFactory = _ => defaults.Window };
        var weighting = new Option<string>("--weighting") { Description = "balanced (pos_weight = negatives/positives; balanced class weights for the logistic regression) or none.", DefaultValueFactory = _ => "balanced" };
        weighting.AcceptOnlyFromAmong("balanced", "none");
        var threshold = new Option<string>("--threshold-by") { Description = "How the decision threshold is chosen on validation: f1 or youden.", DefaultValueFactory = _ => "f1" };
        threshold.AcceptOnlyFromAmong("f1", "youden");
        var split = new Option<double>("--split") { Description = "Fraction of the samples, oldest first, for training.", DefaultValueFactory = _ => defaults.TrainFraction };
        var validation = new Option<double>("--validation") { Description = "Fraction of the samples after them for validation (early stopping, thresholds).", DefaultValueFactory = _ => defaults.ValidationFraction };
        var epochs = new Option<int>("--epochs") { Description = "Most training epochs.", DefaultValueFactory = _ => defaults.Epochs };
        var patience = new Option<int>("--patience") { Description = "Epochs without a lower validation loss before stopping.", DefaultValueFactory = _ => defaults.Patience };
        var batch = new Option<int>("--batch") { Description = "Samples per step.", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<float>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var c = new Option<double>("--c") { Description = "The logistic regression's inverse L2 strength C.", DefaultValueFactory = _ => defaults.Regularization };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Block-bootstrap resamples for the PR-AUC intervals (0: none).", DefaultValueFactory = _ => defaults.BootstrapResamples };

        var command = new Command("updown",
            "Does the price rise by X % within N days? An LSTM/GRU/RNN on moving averages and MACD against always-no and a logistic regression, scored by PR-AUC.");
        file.AddTo(command);
        var force = ForceOption.Create();
        foreach (Option option in new Option[] { price, rise, within, features, window, weighting, threshold, split, validation, epochs, patience, batch, lr, c, bootstrap, force })
            command.Options.Add(option);
        network.AddTo(command);
        command.SetAction(parse =>
        {
            string csvPath = file.CsvPath(parse, BundledData.SamsungKrx);
            var options = new RiseOptions
            {
                CsvPath = csvPath,
                Reading = file.Reading(parse, csvPath),
                Price = parse.GetValue(price)!,
                Features = PriceFileOptions.CommaList(parse.GetValue(features)),
                RisePercent = parse.GetValue(rise),
                Within = parse.GetValue(within),
                Window = parse.GetValue(window),
                Model = network.Kind(parse),
                Layers = parse.GetValue(network.Layers),
                Hidden = parse.GetValue(network.Hidden),
                Dropout = parse.GetValue(network.Dropout),
                Weighting = parse.GetValue(weighting) == "none" ? ClassWeighting.None : ClassWeighting.Balanced,
                Threshold = parse.GetValue(threshold) == "youden" ? ThresholdRule.Youden : ThresholdRule.F1,
                TrainFraction = parse.GetValue(split),
                ValidationFraction = parse.GetValue(validation),
                Epochs = parse.GetValue(epochs),
                Patience = parse.GetValue(patience),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                Regularization = parse.GetValue(c),
                BootstrapResamples = parse.GetValue(bootstrap),
                Seed = parse.GetValue(network.Seed),
            };
            network.ApplyThreads(parse);
            string outDir = parse.GetValue(network.Output)!;
            bool asJson = parse.GetValue(network.Json);
            var classifier = new RiseClassifier(options) { OutputDirectory = outDir };
            using var runLock = OutputDirectory.Prepare(outDir, force: parse.GetValue(force));
            classifier.Prepare();
            var result = ConsoleRun.Cancellable(token => asJson ? classifier.Run(token) : RunWithProgress(errors, classifier, token),
                "training was interrupted; nothing was written.");
            var files = Write(result, outDir, ConsoleRun.CommandLine(parse.Tokens.Select(t => t.Value)), out string document);
            if (asJson)
            {
                console.Profile.Out.Writer.WriteLine(document);
                return 0;
            }
            Print(console, errors, result, outDir, files);
            return 0;
        });
        return command;
    }

    private static RiseResult RunWithProgress(IAnsiConsole console, RiseClassifier classifier, CancellationToken token)
    {
        var o = classifier.Options;
        console.MarkupLineInterpolated($"[bold]recur updown[/]: {RiseReport.Question(o)} {o.Model.ToString().ToUpperInvariant()} on windows of {o.Window} days, {o.CsvPath}");
        return ConsoleRun.WithProgress(console, "training", o.Epochs, task =>
        {
            classifier.EpochCompleted += e =>
            {
                task.Value = e.Epoch;
                task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {e.Epoch}  loss {e.Loss:0.0000}  validation {e.ValidationLoss:0.0000}");
            };
            return classifier.Run(token);
        });
    }

    private static IReadOnlyList<string> Write(RiseResult result, string outDir, string commandLine, out string document)
    {
        var files = new RunFiles(outDir);
        files.List(RecipeCheckpoint.Folder + "/");
        files.Write("predictions.csv", RiseReport.PredictionsCsv(result));
        files.Write("curves.png", RiseCharts.Curves(result));
        files.Write("rises.png", RiseCharts.Rises(result));
        files.Write("loss.png", RiseCharts.Loss(result));
        files.List("updown.json");
        files.List("report.md");
        document = CommandJson.Format("updown", RiseSummaryJson.Of(result, files.Names), result.DataNotes);
        files.Write("updown.json", document);
        files.Write("report.md", RiseReport.Markdown(result, "curves.png", "rises.png", "loss.png", commandLine));
        files.Commit();
        return files.Names;
    }

    private static void Print(IAnsiConsole console, IAnsiConsole errors, RiseResult r, string outDir, IReadOnlyList<string> files)
    {
        foreach (string note in r.DataNotes) errors.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        var (train, validation, test, _) = r.Samples;
        console.MarkupLineInterpolated($"{train:N0} training, {validation:N0} validation, {test:N0} test days; base rate {P(r.BaseRates.Train)} / {P(r.BaseRates.Validation)} / {P(r.BaseRates.Test)}; {r.History.Epochs.Count} epochs (kept {r.BestEpoch}) in {r.TrainingTime.TotalSeconds:0.0} s");
        var table = new Table().Title($"Test span: {Markup.Escape(RiseReport.Question(r.Options))} ({r.TestLabels.Sum()} rise days of {test:N0})")
            .AddColumn("model");
        foreach (string column in new[] { "PR-AUC", "ROC-AUC", "precision", "recall", "F1", "accuracy", "TP/FP/FN/TN" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var m in r.Models)
        {
            var s = m.Test;
            string name = m.Key == "network" ? $"[bold]{Markup.Escape(m.Name)}[/]" : Markup.Escape(m.Name);
            table.AddRow(name, F(s.PrAuc), F(s.RocAuc), F(s.Precision), F(s.Recall), F(s.F1), F(s.Accuracy),
                $"{s.Confusion[1, 1]}/{s.Confusion[0, 1]}/{s.Confusion[1, 0]}/{s.Confusion[0, 0]}");
        }
        console.Write(table);
        console.MarkupLine((r.NetworkAboveBaselines ? "[green]" : "[yellow]") + Markup.Escape(RiseReport.Verdict(r)) + "[/]");
        console.MarkupLineInterpolated($"wrote {string.Join(", ", files)} to {outDir}");
    }

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string P(double share) => (100 * share).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
