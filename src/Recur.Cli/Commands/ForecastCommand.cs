using System.CommandLine;
using System.Globalization;
using Recur.Data.Windows;
using Recur.Tasks.Forecasting;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur forecast</c>: trains a recurrent forecaster on a daily price CSV (by default the course's GOOG file) and
/// reports its test-span errors in price units beside naive persistence, AR(p) and ARIMA, with the default forecaster
/// chosen on validation, a Diebold–Mariano verdict, charts, predictions, a checkpoint and <c>report.md</c> in
/// <c>--out</c>; with <c>--backtest K</c>, a walk-forward backtest over K origins instead.
/// </summary>
internal static class ForecastCommand
{
    public static Command Create(IAnsiConsole console, IAnsiConsole errors)
    {
        var defaults = new ForecastOptions { CsvPath = BundledData.GoogleDaily };
        var file = new PriceFileOptions($"Daily price CSV (default: the course's GOOG file, {BundledData.GoogleDaily}).");
        var network = new RecurrentNetworkOptions(defaults.Layers, defaults.Hidden, defaults.Dropout, "runs/forecast");
        var target = new Option<string>("--target") { Description = "Column to forecast.", DefaultValueFactory = _ => defaults.Target };
        var features = new Option<string>("--features") { Description = "Comma-separated input columns.", DefaultValueFactory = _ => string.Join(',', defaults.Features) };
        var bidirectional = new Option<bool>("--bidirectional") { Description = "Run each layer in both directions." };
        var window = new Option<int>("--window") { Description = "Time steps per input window.", DefaultValueFactory = _ => defaults.Window };
        var horizon = new Option<int>("--horizon") { Description = "Values to forecast per window.", DefaultValueFactory = _ => defaults.Horizon };
        var targetAt = new Option<string>("--target-at") { Description = "Target after the window (next) or at its last step (last).", DefaultValueFactory = _ => "next" };
        targetAt.AcceptOnlyFromAmong("next", "last");
        var learn = new Option<string>("--learn") { Description = "What the network outputs: the change since the last known value, or the level (the course).", DefaultValueFactory = _ => "change" };
        learn.AcceptOnlyFromAmong("change", "level");
        var split = new Option<double>("--split") { Description = "Fraction of the windows, oldest first, for training.", DefaultValueFactory = _ => defaults.TrainFraction };
        var validation = new Option<double>("--validation")
        {
            Description = "Fraction of the training windows held out: the network does not train on them, and the default forecaster (network, persistence or their combination) is chosen on them.",
            DefaultValueFactory = _ => defaults.ValidationFraction,
        };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => defaults.Epochs };
        var batch = new Option<int?>("--batch") { Description = "Windows per step (default: all training windows, or 256 past 4,096 of them)." };
        var lr = new Option<float>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var arOrder = new Option<int?>("--ar") { Description = "Lags of the AR(p) baseline (default: the window)." };
        var arimaD = new Option<int>("--arima-d") { Description = "Differences d of the ARIMA(p,d,q) baseline.", DefaultValueFactory = _ => defaults.ArimaDifferences };
        var arimaMax = new Option<int>("--arima-max-order") { Description = "Largest p and q the ARIMA baseline's AIC search tries.", DefaultValueFactory = _ => defaults.ArimaMaxOrder };
        var season = new Option<int?>("--season") { Description = "Season length m for a seasonal naive baseline (the value m steps back), e.g. 5 for weekdays." };
        var backtest = new Option<int?>("--backtest") { Description = "Walk-forward backtest over K origins instead of one split: per-fold and mean ± sd scores, no checkpoint." };
        var backtestWindow = new Option<string>("--backtest-window") { Description = "Backtest training part: expanding (all windows before each block) or sliding (fixed length).", DefaultValueFactory = _ => "expanding" };
        backtestWindow.AcceptOnlyFromAmong("expanding", "sliding");
        var resume = new Option<bool>("--resume") { Description = "Continue training from the checkpoint in --out." };
        var resetOptimizer = ResetOptimizerOption.Create();
        var force = ForceOption.Create();

        var command = new Command("forecast",
            "Train an LSTM/GRU/RNN to forecast a daily price series; compare it with persistence, AR(p) and ARIMA on the test span, or backtest it over K origins.");
        file.AddTo(command);
        foreach (Option option in new Option[]
                 {
                     target, features, bidirectional, window, horizon, targetAt, learn, split, validation, epochs, batch, lr, arOrder, arimaD, arimaMax,
                     season, backtest, backtestWindow, resume, resetOptimizer, force,
                 })
            command.Options.Add(option);
        network.AddTo(command);
        command.SetAction(parse =>
        {
            string csvPath = file.CsvPath(parse, BundledData.GoogleDaily);
            var options = new ForecastOptions
            {
                CsvPath = csvPath,
                Target = parse.GetValue(target)!,
                Features = PriceFileOptions.CommaList(parse.GetValue(features))!,
                Model = network.Kind(parse),
                Layers = parse.GetValue(network.Layers),
                Hidden = parse.GetValue(network.Hidden),
                Bidirectional = parse.GetValue(bidirectional),
                Dropout = parse.GetValue(network.Dropout),
                Window = parse.GetValue(window),
                Horizon = parse.GetValue(horizon),
                TargetAt = parse.GetValue(targetAt) == "last" ? TargetAlignment.LastStep : TargetAlignment.NextStep,
                Learn = parse.GetValue(learn) == "level" ? ForecastLearning.Level : ForecastLearning.Change,
                TrainFraction = parse.GetValue(split),
                ValidationFraction = parse.GetValue(validation),
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                Seed = parse.GetValue(network.Seed),
                AutoRegressiveOrder = parse.GetValue(arOrder),
                ArimaDifferences = parse.GetValue(arimaD),
                ArimaMaxOrder = parse.GetValue(arimaMax),
                Season = parse.GetValue(season),
            }.WithReading(file.Reading(parse, csvPath));
            network.ApplyThreads(parse);
            string outDir = parse.GetValue(network.Output)!;
            bool asJson = parse.GetValue(network.Json);
            string commandLine = ConsoleRun.CommandLine(parse.Tokens.Select(t => t.Value));
            if (parse.GetValue(backtest) is int folds)
            {
                if (parse.GetValue(resume)) throw new ArgumentException("--resume continues a single run's training; a backtest trains every fold afresh.");
                var scheme = parse.GetValue(backtestWindow) == "sliding" ? WalkForwardScheme.Sliding : WalkForwardScheme.Expanding;
                return BacktestOutput.Run(console, errors, new Backtester(options, new BacktestOptions { Folds = folds, Scheme = scheme }), outDir, asJson, commandLine,
                    parse.GetValue(force));
            }

            var forecaster = new Forecaster(options) { OutputDirectory = outDir, Resume = parse.GetValue(resume),
                ResetOptimizer = ResetOptimizerOption.Read(parse, resetOptimizer, resume) };
            using var runLock = OutputDirectory.Prepare(outDir, forecaster.Resume, parse.GetValue(force));
            forecaster.Prepare();
            var result = ConsoleRun.Cancellable(token => asJson ? forecaster.Run(token) : RunWithProgress(errors, forecaster, token),
                $"training was interrupted; the last checkpoint in {Path.Combine(outDir, Forecaster.CheckpointFolder)} is kept (continue with --resume).");
            ForecastOutput.Write(console, errors, result, outDir, commandLine, asJson);
            return 0;
        });
        return command;
    }

    private static ForecastResult RunWithProgress(IAnsiConsole console, Forecaster forecaster, CancellationToken cancellationToken)
    {
        var o = forecaster.Options;
        console.MarkupLineInterpolated($"[bold]recur forecast[/]: {o.Model.ToString().ToUpperInvariant()}({o.Features.Count}→{o.Hidden}) on {o.CsvPath}, window {o.Window}, target {o.Target}, {o.Epochs} epochs");
        return ConsoleRun.WithProgress(console, "training", o.Epochs, task =>
        {
            forecaster.EpochCompleted += e =>
            {
                task.Value = e.Epoch;
                task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {e.Epoch}/{o.Epochs}  loss {e.Loss:0.000000}");
            };
            return forecaster.Run(cancellationToken);
        });
    }
}
