using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recur.Cli.Charts;
using Recur.Data.Prices;
using Recur.Data.Windows;
using Recur.Kernels;
using Recur.Serialization;
using Recur.Tasks.Forecasting;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur forecast</c>: trains a recurrent forecaster on a daily price CSV (by default the course's GOOG file) and
/// reports its test-span errors in price units beside naive persistence and AR(p), with charts, predictions, a
/// checkpoint and <c>report.md</c> in <c>--out</c>.
/// </summary>
internal static class ForecastCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var defaults = new ForecastOptions { CsvPath = BundledData.GoogleDaily };
        var csv = new Option<string?>("--csv") { Description = $"Daily price CSV (default: the course's GOOG file, {BundledData.GoogleDaily})." };
        var encoding = new Option<string?>("--encoding") { Description = "The file's encoding (utf-8, cp949, euc-kr…); detected when omitted." };
        var newestFirst = new Option<bool>("--newest-first") { Description = "For a file without dates: its rows run newest first (reverse them). Implied for the default file." };
        var date = new Option<string?>("--date") { Description = "The column holding the dates, when its header is not Date/날짜/일자." };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated names of the file's columns, for a file without a header row." };
        var missing = new Option<string>("--missing") { Description = "Empty cells in the columns used: error, skip (the row) or ffill (previous day's value).", DefaultValueFactory = _ => "error" };
        missing.AcceptOnlyFromAmong("error", "skip", "ffill");
        var target = new Option<string>("--target") { Description = "Column to forecast.", DefaultValueFactory = _ => defaults.Target };
        var features = new Option<string>("--features") { Description = "Comma-separated input columns.", DefaultValueFactory = _ => string.Join(',', defaults.Features) };
        var model = new Option<string>("--model") { Description = "Recurrent layer.", DefaultValueFactory = _ => "lstm" };
        model.AcceptOnlyFromAmong("lstm", "gru", "rnn");
        var layers = new Option<int>("--layers") { Description = "Stacked recurrent layers.", DefaultValueFactory = _ => defaults.Layers };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units.", DefaultValueFactory = _ => defaults.Hidden };
        var bidirectional = new Option<bool>("--bidirectional") { Description = "Run each layer in both directions." };
        var dropout = new Option<float>("--dropout") { Description = "Dropout between stacked layers.", DefaultValueFactory = _ => 0f };
        var window = new Option<int>("--window") { Description = "Time steps per input window.", DefaultValueFactory = _ => defaults.Window };
        var horizon = new Option<int>("--horizon") { Description = "Values to forecast per window.", DefaultValueFactory = _ => defaults.Horizon };
        var targetAt = new Option<string>("--target-at") { Description = "Target after the window (next) or at its last step (last).", DefaultValueFactory = _ => "next" };
        targetAt.AcceptOnlyFromAmong("next", "last");
        var learn = new Option<string>("--learn") { Description = "What the network outputs: the change since the last known value, or the level (the course).", DefaultValueFactory = _ => "change" };
        learn.AcceptOnlyFromAmong("change", "level");
        var split = new Option<double>("--split") { Description = "Fraction of the windows, oldest first, for training.", DefaultValueFactory = _ => defaults.TrainFraction };
        var validation = new Option<double>("--validation") { Description = "Fraction of the training windows held out for validation.", DefaultValueFactory = _ => 0 };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => defaults.Epochs };
        var batch = new Option<int?>("--batch") { Description = "Windows per step (default: all training windows)." };
        var lr = new Option<float>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var seed = new Option<ulong>("--seed") { Description = "Seed of initialisation and shuffling.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "Threads the numeric kernels may use (default: all cores). Speed only: results are the same bits for any count." };
        var output = new Option<string>("--out") { Description = "Directory for the report, charts, predictions and checkpoint.", DefaultValueFactory = _ => "runs/forecast" };
        var resume = new Option<bool>("--resume") { Description = "Continue training from the checkpoint in --out." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of tables." };

        var command = new Command("forecast", "Train an LSTM/GRU/RNN to forecast a daily price series; compare it with naive persistence and AR(p) on the test span.")
        {
            csv, encoding, newestFirst, date, columns, missing, target, features, model, layers, hidden, bidirectional, dropout, window, horizon, targetAt, learn,
            split, validation, epochs, batch, lr, seed, threads, output, resume, json,
        };
        command.SetAction(parse =>
        {
            string? csvPath = parse.GetValue(csv);
            var options = new ForecastOptions
            {
                CsvPath = csvPath ?? BundledData.Find(BundledData.GoogleDaily),
                Encoding = parse.GetValue(encoding),
                NewestFirstWithoutDates = csvPath is null || parse.GetValue(newestFirst),
                DateColumn = parse.GetValue(date),
                ColumnNames = CommaList(parse.GetValue(columns)),
                Missing = parse.GetValue(missing) switch { "skip" => MissingValuePolicy.SkipRow, "ffill" => MissingValuePolicy.ForwardFill, _ => MissingValuePolicy.Error },
                Target = parse.GetValue(target)!,
                Features = CommaList(parse.GetValue(features))!,
                Model = parse.GetValue(model) switch { "gru" => RecurrentKind.Gru, "rnn" => RecurrentKind.Rnn, _ => RecurrentKind.Lstm },
                Layers = parse.GetValue(layers),
                Hidden = parse.GetValue(hidden),
                Bidirectional = parse.GetValue(bidirectional),
                Dropout = parse.GetValue(dropout),
                Window = parse.GetValue(window),
                Horizon = parse.GetValue(horizon),
                TargetAt = parse.GetValue(targetAt) == "last" ? TargetAlignment.LastStep : TargetAlignment.NextStep,
                Learn = parse.GetValue(learn) == "level" ? ForecastLearning.Level : ForecastLearning.Change,
                TrainFraction = parse.GetValue(split),
                ValidationFraction = parse.GetValue(validation),
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                Seed = parse.GetValue(seed),
            };
            if (parse.GetValue(threads) is int n)
                KernelThreads.Max = n >= 1 ? n : throw new ArgumentException($"--threads must be at least 1, got {n}.");
            string outDir = parse.GetValue(output)!;
            bool asJson = parse.GetValue(json);
            var forecaster = new Forecaster(options) { OutputDirectory = outDir, Resume = parse.GetValue(resume) };
            OutputDirectory.Prepare(outDir);
            forecaster.Prepare();

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            ForecastResult result;
            try
            {
                result = asJson ? forecaster.Run(cancel.Token) : RunWithProgress(console, forecaster, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new OperationCanceledException($"training was interrupted; the last checkpoint in {Path.Combine(outDir, Forecaster.CheckpointFolder)} is kept (continue with --resume).");
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            var files = WriteFiles(result, outDir, CommandLine(parse.Tokens.Select(t => t.Value)));
            if (asJson)
            {
                console.Profile.Out.Writer.WriteLine(ForecastSummaryJson.Of(result, files).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            PrintResult(console, result, outDir, files);
            return 0;
        });
        return command;
    }

    private static ForecastResult RunWithProgress(IAnsiConsole console, Forecaster forecaster, CancellationToken cancellationToken)
    {
        var o = forecaster.Options;
        console.MarkupLineInterpolated($"[bold]recur forecast[/]: {o.Model.ToString().ToUpperInvariant()}({o.Features.Count}→{o.Hidden}) on {o.CsvPath}, window {o.Window}, target {o.Target}, {o.Epochs} epochs");
        ForecastResult? result = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: o.Epochs);
                forecaster.EpochCompleted += e =>
                {
                    task.Value = e.Epoch;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {e.Epoch}/{o.Epochs}  loss {e.Loss:0.000000}");
                };
                result = forecaster.Run(cancellationToken);
                task.Value = o.Epochs;
            });
        return result!;
    }

    private static List<string> WriteFiles(ForecastResult result, string outDir, string commandLine)
    {
        var files = new List<string> { Forecaster.CheckpointFolder + "/" };
        void Write(string name, string text)
        {
            AtomicFile.WriteAllText(Path.Combine(outDir, name), text);
            files.Add(name);
        }
        void WriteBytes(string name, byte[] bytes)
        {
            AtomicFile.WriteAllBytes(Path.Combine(outDir, name), bytes);
            files.Add(name);
        }
        Write("predictions.csv", ForecastReport.PredictionsCsv(result));
        WriteBytes("loss.png", ForecastCharts.Loss(result));
        WriteBytes("forecast.png", ForecastCharts.Forecast(result));
        files.Add("forecast.json");
        files.Add("report.md");
        AtomicFile.WriteAllText(Path.Combine(outDir, "forecast.json"),
            ForecastSummaryJson.Of(result, files).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        AtomicFile.WriteAllText(Path.Combine(outDir, "report.md"), ForecastReport.Markdown(result, "loss.png", "forecast.png", commandLine));
        return files;
    }

    private static void PrintResult(IAnsiConsole console, ForecastResult r, string outDir, IReadOnlyList<string> files)
    {
        foreach (string note in r.DataNotes) console.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        console.MarkupLineInterpolated($"{r.TrainWindows} training, {r.ValidationWindows} validation, {r.TestWindows} test windows; {r.Summary.TotalParameters:N0} parameters; trained in {r.TrainingTime.TotalSeconds:0.0} s");
        var table = new Table().Title($"Test span: {r.Options.Target} in price units")
            .AddColumn("forecaster").AddColumn(new TableColumn("RMSE").RightAligned())
            .AddColumn(new TableColumn("MAE").RightAligned()).AddColumn(new TableColumn("MAPE").RightAligned());
        void Row(string name, ForecastScores s, bool bold) => table.AddRow(bold ? $"[bold]{Markup.Escape(name)}[/]" : Markup.Escape(name),
            F(s.Rmse), F(s.Mae), s.Mape.ToString("0.00", CultureInfo.InvariantCulture) + " %");
        Row($"{r.Options.Model.ToString().ToUpperInvariant()} network", r.Network, true);
        Row("naive (next = last known)", r.Naive, false);
        Row($"AR({r.AutoRegressiveOrder}), least squares", r.AutoRegressive, false);
        console.Write(table);
        console.MarkupLine((r.BeatsBaselines ? "[green]" : "[yellow]") + Markup.Escape(ForecastReport.Verdict(r)) + "[/]");
        console.MarkupLineInterpolated($"wrote {string.Join(", ", files)} to {outDir}");
    }

    private static string[]? CommaList(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string CommandLine(IEnumerable<string> tokens) =>
        "recur " + string.Join(' ', tokens.Select(t => t.Contains(' ') ? $"\"{t}\"" : t));

    private static string F(double value) => value.ToString(Math.Abs(value) >= 1000 ? "N1" : "0.000", CultureInfo.InvariantCulture);
}
