using System.CommandLine;
using System.Globalization;
using Recur.Cli.Charts;
using Recur.Serialization;
using Recur.Tasks;
using Recur.Tasks.ImageRows;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur images</c>: trains a recurrent network that reads each MNIST / Fashion-MNIST image one pixel row per time
/// step, reports the test accuracy after every epoch, and writes a report, charts, <c>images.json</c> and a checkpoint to
/// <c>--out</c>.
/// </summary>
internal static class ImagesCommand
{
    public static Command Create(IAnsiConsole console, IAnsiConsole errors)
    {
        var recommended = ImageRowsOptions.For(ImageRowsRecipe.Default, "");
        var data = new Option<string>("--data") { Description = "The image set: fashion-mnist (60,000 training images) or mnist (the bundled 10,000 test digits, split in two).", DefaultValueFactory = _ => "fashion-mnist" };
        data.AcceptOnlyFromAmong("fashion-mnist", "mnist");
        var idxDir = new Option<string?>("--idx-dir") { Description = "A folder of IDX files (train-images-idx3-ubyte[.gz], train-labels-…, t10k-…), e.g. a full MNIST; default: the bundled folder of --data." };
        var recipe = new Option<string>("--recipe") { Description = "default (Recur's: the slides' GRU 128 × 2 with standardised pixels, Adam 0.005 decayed along a cosine over 10 epochs) or slides (the course: Adam 0.01, 2 epochs); the flags below change single settings.", DefaultValueFactory = _ => "default" };
        recipe.AcceptOnlyFromAmong("default", "slides");
        var model = new Option<string?>("--model") { Description = "Recurrent layer: gru, lstm or rnn (default gru)." };
        model.AcceptOnlyFromAmong("gru", "lstm", "rnn");
        var layers = new Option<int?>("--layers") { Description = $"Stacked recurrent layers (default {recommended.Layers})." };
        var hidden = new Option<int?>("--hidden") { Description = $"Hidden units per layer and direction (default {recommended.Hidden})." };
        var bidirectional = new Option<bool?>("--bidirectional") { Description = "Read the rows in both directions too; the classifier then reads both directions' final states (default: no)." };
        var dropout = new Option<float?>("--dropout") { Description = "Dropout between stacked layers (default 0)." };
        var standardize = new Option<bool?>("--standardize") { Description = "Standardise pixels with the training images' mean and deviation (default: yes, no with --recipe slides; --standardize false turns it off)." };
        var epochs = new Option<int?>("--epochs") { Description = $"Training epochs (default {recommended.Epochs}, slides 2)." };
        var batch = new Option<int?>("--batch") { Description = $"Images per step (default {recommended.BatchSize})." };
        var lr = new Option<float?>("--lr") { Description = $"Adam learning rate (default {recommended.LearningRate.ToString(CultureInfo.InvariantCulture)}, slides 0.01)." };
        var cosine = new Option<bool?>("--cosine") { Description = "Decay the learning rate along a cosine over the epochs (default: yes, no with --recipe slides; --cosine false turns it off)." };
        var trainLimit = new Option<int?>("--train-images") { Description = "Train on the first N training images only (a quick run)." };
        var testLimit = new Option<int?>("--test-images") { Description = "Test on the first N test images only (a quick run)." };
        var heldOut = new Option<double?>("--held-out") { Description = "For a folder without training images (the bundled MNIST): the fraction of its test images held out for testing (default 0.2)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of initialisation, shuffling and split.", DefaultValueFactory = _ => 0 };
        var threads = ThreadsOption.Create();
        var output = new Option<string>("--out") { Description = "Directory for the report, charts, images.json and checkpoint.", DefaultValueFactory = _ => "runs/images" };
        var resume = new Option<bool>("--resume") { Description = "Continue training from the checkpoint in --out (give the same settings and more --epochs)." };
        var resetOptimizer = ResetOptimizerOption.Create();
        var force = ForceOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of tables." };

        var command = new Command("images", "Classify MNIST / Fashion-MNIST images with a recurrent network that reads one 28-pixel row per time step.")
        {
            data, idxDir, recipe, model, layers, hidden, bidirectional, dropout, standardize, epochs, batch, lr, cosine, trainLimit, testLimit, heldOut,
            seed, threads, output, resume, resetOptimizer, force, json,
        };
        command.SetAction(parse =>
        {
            var dataset = parse.GetValue(data) == "mnist" ? ImageDataset.Mnist : ImageDataset.FashionMnist;
            string folder = parse.GetValue(idxDir)
                ?? BundledData.FindImageFolder(dataset == ImageDataset.Mnist ? BundledData.Mnist : BundledData.FashionMnist);
            var preset = ImageRowsOptions.For(parse.GetValue(recipe) == "slides" ? ImageRowsRecipe.Slides : ImageRowsRecipe.Default, folder, dataset);
            var options = preset with
            {
                Model = parse.GetValue(model) switch { "lstm" => RecurrentKind.Lstm, "rnn" => RecurrentKind.Rnn, "gru" => RecurrentKind.Gru, _ => preset.Model },
                Layers = parse.GetValue(layers) ?? preset.Layers,
                Hidden = parse.GetValue(hidden) ?? preset.Hidden,
                Bidirectional = parse.GetValue(bidirectional) ?? preset.Bidirectional,
                Dropout = parse.GetValue(dropout) ?? preset.Dropout,
                Standardize = parse.GetValue(standardize) ?? preset.Standardize,
                Epochs = parse.GetValue(epochs) ?? preset.Epochs,
                BatchSize = parse.GetValue(batch) ?? preset.BatchSize,
                LearningRate = parse.GetValue(lr) ?? preset.LearningRate,
                CosineDecay = parse.GetValue(cosine) ?? preset.CosineDecay,
                TrainLimit = parse.GetValue(trainLimit),
                TestLimit = parse.GetValue(testLimit),
                HeldOutFraction = parse.GetValue(heldOut) ?? preset.HeldOutFraction,
                Seed = parse.GetValue(seed),
            };
            ThreadsOption.Apply(parse, threads);
            string outDir = parse.GetValue(output)!;
            bool asJson = parse.GetValue(json);
            var classifier = new ImageClassifier(options) { OutputDirectory = outDir, Resume = parse.GetValue(resume),
                ResetOptimizer = ResetOptimizerOption.Read(parse, resetOptimizer, resume) };
            // Everything that can fail on bad input happens before the first file is written.
            using var runLock = OutputDirectory.Prepare(outDir, classifier.Resume, parse.GetValue(force));
            classifier.Prepare();

            var result = ConsoleRun.Cancellable(token => asJson ? classifier.Run(token) : RunWithProgress(errors, classifier, token),
                $"training was interrupted; the last checkpoint in {Path.Combine(outDir, ImageClassifier.CheckpointFolder)} is kept (continue with --resume).");

            var files = WriteFiles(result, outDir, ConsoleRun.CommandLine(parse.Tokens.Select(t => t.Value)));
            if (asJson)
            {
                console.Profile.Out.Writer.WriteLine(CommandJson.Format("images", ImageRowsSummaryJson.Of(result, files), result.DataNotes));
                return 0;
            }
            PrintResult(console, errors, result, outDir, files);
            return 0;
        });
        return command;
    }

    private static ImageRowsResult RunWithProgress(IAnsiConsole console, ImageClassifier classifier, CancellationToken cancellationToken)
    {
        var o = classifier.Options;
        console.MarkupLineInterpolated($"[bold]recur images[/]: {o.Model.ToString().ToUpperInvariant()}({o.Hidden}) × {o.Layers}{(o.Bidirectional ? ", bidirectional" : "")} on {ImageRowsReport.DatasetTitle(o.Dataset)} ({o.DataDirectory}), {o.Epochs} epochs of batch {o.BatchSize}");
        return EpochProgressBars.Run(console, bars =>
        {
            classifier.StepCompleted += p => bars.Step(p.Epoch, p.Epochs, p.Step, p.Steps,
                Invariant($"epoch {p.Epoch}/{p.Epochs}  loss {p.Loss:0.0000}  accuracy {100 * p.Accuracy:0.00} %  {p.ImagesPerSecond:N0} images/s"));
            classifier.EpochCompleted += e => bars.EndEpoch(e.Epoch, text => text + Invariant($"  test {100 * e.TestAccuracy:0.00} %"));
            return classifier.Run(cancellationToken);
        });
    }

    private static IReadOnlyList<string> WriteFiles(ImageRowsResult result, string outDir, string commandLine)
    {
        var files = new RunFiles(outDir);
        files.List(ImageClassifier.CheckpointFolder + "/");
        files.Write("curves.png", ImageCharts.Curves(result));
        files.Write("confusion.png", ImageCharts.Confusion(result));
        files.Write("samples.png", SampleGrid.Draw(result));
        files.List("images.json");
        files.List("report.md");
        files.Write("images.json", CommandJson.Format("images", ImageRowsSummaryJson.Of(result, files.Names), result.DataNotes));
        files.Write("report.md", ImageRowsReport.Markdown(result, new ImageRowsReport.Charts("curves.png", "confusion.png", "samples.png"), commandLine));
        files.Commit();
        return files.Names;
    }

    private static void PrintResult(IAnsiConsole console, IAnsiConsole errors, ImageRowsResult r, string outDir, IReadOnlyList<string> files)
    {
        foreach (string note in r.DataNotes) errors.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        var table = new Table().Title($"{ImageRowsReport.DatasetTitle(r.Options.Dataset)}: {r.TrainImages:N0} training, {r.Test.Count:N0} test images")
            .AddColumn(new TableColumn("epoch").RightAligned()).AddColumn(new TableColumn("loss").RightAligned())
            .AddColumn(new TableColumn("accuracy").RightAligned()).AddColumn(new TableColumn("test loss").RightAligned())
            .AddColumn(new TableColumn("test accuracy").RightAligned()).AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var e in r.Epochs)
            table.AddRow(Invariant($"{e.Epoch}"), Invariant($"{e.Loss:0.0000}"), Percent(e.Accuracy), Invariant($"{e.TestLoss:0.0000}"),
                Percent(e.TestAccuracy), Invariant($"{e.Seconds:0.0}"));
        console.Write(table);
        console.MarkupLineInterpolated($"{ImageRowsReport.Architecture(r)}");
        string speed = r.SecondsPerEpoch is double s ? Invariant($"; {s:0.0} s of training per epoch ({r.TrainImages / s:N0} images/s)") : "";
        console.MarkupLine($"[bold]test accuracy {Markup.Escape(Percent(r.TestAccuracy))}[/] after {r.Epochs.Count} epoch(s){Markup.Escape(speed)}");
        var pairs = r.MostConfused(3);
        if (pairs.Count > 0)
            console.MarkupLineInterpolated($"most confused: {string.Join("; ", pairs.Select(p => Invariant($"{r.ClassNames[p.Actual]} taken for {r.ClassNames[p.Predicted]} ({p.Count:N0})")))}");
        console.MarkupLineInterpolated($"wrote {string.Join(", ", files)} to {outDir}");
    }

    private static string Percent(double fraction) => double.IsFinite(fraction) ? Invariant($"{100 * fraction:0.00} %") : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
