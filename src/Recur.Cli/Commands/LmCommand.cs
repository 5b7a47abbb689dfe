using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recur.Cli.Charts;
using Recur.Tasks;
using Recur.Tasks.LanguageModels;
using Recur.Tasks.TextClassification;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur lm</c>: trains a word or character language model (Penn Treebank, tiny-shakespeare, a user's text) by truncated
/// backpropagation through time, reports perplexity per epoch and on the test text, samples text, and writes a report,
/// a chart, <c>samples.md</c>, <c>lm.json</c> and a checkpoint with the vocabulary to <c>--out</c>.
/// </summary>
internal static class LmCommand
{
    private const string Ptb = "data/text/ptb/ptb.train.txt", Shakespeare = "data/text/shakespeare/input.txt";

    // --init's value for each layer's PyTorch default initialisation.
    private const string PyTorchInit = "pytorch";

    public static Command Create(IAnsiConsole console, IAnsiConsole errors)
    {
        var data = new Option<string>("--data") { Description = "ptb (Penn Treebank, bundled), shakespeare (tiny-shakespeare, bundled), or a text file of your own.", DefaultValueFactory = _ => "ptb" };
        var level = new Option<string?>("--level") { Description = "word (a line break ends a sentence: <eos>) or char (default: char for shakespeare, else word)." };
        level.AcceptOnlyFromAmong("word", "char");
        var recipe = new Option<string?>("--recipe") { Description = "zaremba-small, zaremba-medium (Zaremba et al. 2014) or char-small (default: char-small for characters, else zaremba-small); the flags below change single settings." };
        recipe.AcceptOnlyFromAmong("zaremba-small", "zaremba-medium", "char-small");
        var model = new Option<string?>("--model") { Description = "Recurrent layer: lstm, gru or rnn (default lstm)." };
        model.AcceptOnlyFromAmong("lstm", "gru", "rnn");
        var layers = new Option<int?>("--layers") { Description = "Stacked recurrent layers (recipes: 2)." };
        var hidden = new Option<int?>("--hidden") { Description = "Hidden units per layer (zaremba-small 200, medium 650, char-small 128)." };
        var embedding = new Option<int?>("--embedding") { Description = "Embedding width (default: the hidden width)." };
        var bptt = new Option<int?>("--bptt") { Description = "Steps per chunk of truncated backpropagation (20, 35, 50)." };
        var batch = new Option<int?>("--batch") { Description = "Parallel streams the text is cut into (20, 20, 50)." };
        var dropout = new Option<float?>("--dropout") { Description = "Dropout on the non-recurrent connections (0, 0.5, 0)." };
        var tie = new Option<bool?>("--tie") { Description = "Share the embedding's matrix with the output layer (needs --embedding = --hidden)." };
        var init = new Option<string?>("--init") { Description = "Every weight starts uniform in ±this (0.1, 0.05), or pytorch: each layer's PyTorch default (char-small)." };
        init.Validators.Add(result =>
        {
            // The range of a number is the recipe's check (LanguageModelOptions.Validate); this refuses what is no number.
            if (result.Tokens is [var token] && token.Value != PyTorchInit && !float.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                result.AddError($"--init must be a number (every weight uniform in ±it) or '{PyTorchInit}', got '{token.Value}'.");
        });
        var optimizer = new Option<string?>("--optimizer") { Description = "sgd (Zaremba) or adam (char-small)." };
        optimizer.AcceptOnlyFromAmong("sgd", "adam");
        var lr = new Option<float?>("--lr") { Description = "Learning rate (1, 1, 0.002)." };
        var decayAfter = new Option<int?>("--decay-after") { Description = "Multiply the rate by --decay after every epoch from this one on (4, 6; 0 for the first epoch on)." };
        var decay = new Option<float?>("--decay") { Description = "The decay factor (0.5, 1/1.2)." };
        var plateau = new Option<bool>("--plateau") { Description = "Decay when the validation perplexity does not improve instead (PyTorch's example: --decay 0.25)." };
        var clip = new Option<float?>("--clip") { Description = "Clip gradients to this norm (5; 0: no clipping)." };
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (13, 39, 10)." };
        var vocabulary = new Option<int?>("--vocab") { Description = "Most ids in the vocabulary, <pad> and <unk> included (default: every training token)." };
        var validation = new Option<double?>("--validation") { Description = "For a single text: the share after the training part held out for validation (0.1)." };
        var test = new Option<double?>("--test") { Description = "For a single text: the share at its end held out for the test (0.1; shakespeare 0)." };
        var sampleTokens = new Option<int?>("--sample-tokens") { Description = "Tokens of samples.md at each temperature (words 60, characters 400)." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the initial weights, dropout and samples (default 0)." };
        var threads = ThreadsOption.Create();
        var output = new Option<string>("--out") { Description = "Directory for the report, chart, samples, lm.json and checkpoint.", DefaultValueFactory = _ => "runs/lm" };
        var resume = new Option<bool>("--resume") { Description = "Continue training from the checkpoint in --out (same settings, more --epochs)." };
        var resetOptimizer = ResetOptimizerOption.Create();
        var force = ForceOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of tables." };

        var command = new Command("lm", "Train a word or character language model by truncated backpropagation through time; report perplexity and sample text.")
        {
            data, level, recipe, model, layers, hidden, embedding, bptt, batch, dropout, tie, init, optimizer, lr, decayAfter, decay, plateau, clip,
            epochs, vocabulary, validation, test, sampleTokens, seed, threads, output, resume, resetOptimizer, force, json,
        };
        command.SetAction(parse =>
        {
            string source = parse.GetValue(data)!;
            var (corpus, path) = source switch
            {
                "ptb" => (LanguageModelCorpus.Ptb, Path.GetDirectoryName(BundledData.Find(Ptb, "pass --data FILE")) is { Length: > 0 } folder ? folder : "."),
                "shakespeare" => (LanguageModelCorpus.Shakespeare, BundledData.Find(Shakespeare, "pass --data FILE")),
                _ => (LanguageModelCorpus.File, source),
            };
            var tokens = parse.GetValue(level) is string l ? l == "char" ? TokenLevel.Char : TokenLevel.Word
                : corpus == LanguageModelCorpus.Shakespeare ? TokenLevel.Char : TokenLevel.Word;
            var named = parse.GetValue(recipe) switch
            {
                "zaremba-small" => LanguageModelRecipe.ZarembaSmall,
                "zaremba-medium" => LanguageModelRecipe.ZarembaMedium,
                "char-small" => LanguageModelRecipe.CharSmall,
                _ => tokens == TokenLevel.Char ? LanguageModelRecipe.CharSmall : LanguageModelRecipe.ZarembaSmall,
            };
            var o = LanguageModelOptions.For(named, corpus, path) with { Level = tokens };
            if (parse.GetValue(model) is string m) o = o with { Model = m switch { "gru" => RecurrentKind.Gru, "rnn" => RecurrentKind.Rnn, _ => RecurrentKind.Lstm } };
            if (parse.GetValue(layers) is int layerCount) o = o with { Layers = layerCount };
            if (parse.GetValue(hidden) is int h) o = o with { Hidden = h };
            if (parse.GetValue(embedding) is int e) o = o with { EmbeddingSize = e };
            if (parse.GetValue(bptt) is int steps) o = o with { Bptt = steps };
            if (parse.GetValue(batch) is int b) o = o with { BatchSize = b };
            if (parse.GetValue(dropout) is float d) o = o with { Dropout = d };
            if (parse.GetValue(tie) is bool t) o = o with { TieWeights = t };
            if (parse.GetValue(init) is string scale)
                o = o with { InitScale = scale == PyTorchInit ? null : float.Parse(scale, NumberStyles.Float, CultureInfo.InvariantCulture) };
            if (parse.GetValue(optimizer) is string opt) o = o with { Optimizer = opt == "adam" ? LanguageModelOptimizer.Adam : LanguageModelOptimizer.Sgd };
            if (parse.GetValue(lr) is float rate) o = o with { LearningRate = rate };
            if (parse.GetValue(plateau)) o = o with { DecayOnPlateau = true, DecayAfterEpoch = parse.GetValue(decayAfter) };
            else if (parse.GetValue(decayAfter) is int after) o = o with { DecayAfterEpoch = after };
            if (parse.GetValue(decay) is float factor) o = o with { DecayFactor = factor };
            if (parse.GetValue(clip) is float c) o = o with { ClipNorm = c == 0 ? null : c };
            if (parse.GetValue(epochs) is int n) o = o with { Epochs = n };
            if (parse.GetValue(vocabulary) is int v) o = o with { VocabularySize = v };
            if (parse.GetValue(validation) is double share) o = o with { ValidationFraction = share };
            if (parse.GetValue(test) is double testShare) o = o with { TestFraction = testShare };
            if (parse.GetValue(sampleTokens) is int count) o = o with { SampleTokens = count };
            if (parse.GetValue(seed) is ulong s) o = o with { Seed = s };
            ThreadsOption.Apply(parse, threads);

            string outDir = parse.GetValue(output)!;
            bool asJson = parse.GetValue(json);
            var trainer = new LanguageModelTrainer(o)
            {
                OutputDirectory = outDir, Resume = parse.GetValue(resume), ResetOptimizer = ResetOptimizerOption.Read(parse, resetOptimizer, resume),
            };
            // Bad input fails here, before the output directory is touched.
            trainer.Prepare();
            using var runLock = OutputDirectory.Prepare(outDir, trainer.Resume, parse.GetValue(force));

            var result = ConsoleRun.Cancellable(token => asJson ? trainer.Run(token) : RunWithProgress(errors, trainer, token),
                $"training was interrupted; the last epoch's checkpoint in {Path.Combine(outDir, LanguageModelTrainer.CheckpointFolder)} is kept (continue with --resume).");

            var files = WriteFiles(result, trainer.Data.Notes, outDir, ConsoleRun.CommandLine(parse.Tokens.Select(token => token.Value)));
            if (asJson)
            {
                console.Profile.Out.Writer.WriteLine(CommandJson.Format("lm", LanguageModelSummaryJson.Of(result, files), trainer.Data.Notes));
                return 0;
            }
            PrintResult(console, result, outDir, files);
            return 0;
        });
        return command;
    }

    private static LanguageModelResult RunWithProgress(IAnsiConsole console, LanguageModelTrainer trainer, CancellationToken cancellationToken)
    {
        var o = trainer.Options;
        var d = trainer.Data;
        console.MarkupLineInterpolated($"[bold]recur lm[/]: {LanguageModelReport.NetworkName(o)} on {LanguageModelReport.CorpusName(o)}: {d.Train.Length:N0} training, {d.Validation.Length:N0} validation, {d.Test.Length:N0} test tokens, vocabulary {d.Tokenization.Vocabulary.Count:N0}; {o.BatchSize} streams × {o.Bptt} steps, {o.Epochs} epochs");
        foreach (string note in d.Notes) console.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        return EpochProgressBars.Run(console, bars =>
        {
            trainer.StepCompleted += p => bars.Step(p.Epoch, p.Epochs, p.Step, p.Steps,
                Invariant($"epoch {p.Epoch}/{p.Epochs}  perplexity {Math.Exp(p.RunningLoss):0.00}  {p.TargetsPerSecond:N0} tokens/s"));
            trainer.EpochCompleted += e => bars.EndEpoch(e.Epoch, _ =>
                Invariant($"epoch {e.Epoch}/{o.Epochs}  perplexity {e.TrainPerplexity:0.00}  {e.TokensPerSecond:N0} tokens/s  validation {e.ValidationPerplexity:0.00}"));
            return trainer.Run(cancellationToken);
        });
    }

    private static IReadOnlyList<string> WriteFiles(LanguageModelResult result, IReadOnlyList<string> notes, string outDir, string commandLine)
    {
        var files = new RunFiles(outDir);
        files.List(LanguageModelTrainer.CheckpointFolder + "/");
        files.Write("curves.png", LanguageModelCharts.Curves(result));
        files.Write("samples.md", LanguageModelReport.Samples(result));
        files.List("lm.json");
        files.List("report.md");
        files.Write("lm.json", CommandJson.Format("lm", LanguageModelSummaryJson.Of(result, files.Names), notes));
        files.Write("report.md", LanguageModelReport.Markdown(result, "curves.png", "samples.md", commandLine));
        files.Commit();
        return files.Names;
    }

    private static void PrintResult(IAnsiConsole console, LanguageModelResult r, string outDir, IReadOnlyList<string> files)
    {
        var table = new Table().Title($"{LanguageModelReport.CorpusName(r.Options)}: {LanguageModelReport.NetworkName(r.Options)}, {r.ParameterCount:N0} parameters")
            .AddColumn(new TableColumn("epoch").RightAligned()).AddColumn(new TableColumn("learning rate").RightAligned())
            .AddColumn(new TableColumn("train perplexity").RightAligned()).AddColumn(new TableColumn("validation perplexity").RightAligned())
            .AddColumn(new TableColumn("tokens/s").RightAligned()).AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var e in r.Epochs)
            table.AddRow(Invariant($"{e.Epoch}"), Invariant($"{e.LearningRate:0.######}"), Invariant($"{e.TrainPerplexity:0.00}"),
                Invariant($"{e.ValidationPerplexity:0.00}"), double.IsFinite(e.TokensPerSecond) ? Invariant($"{e.TokensPerSecond:N0}") : "–", Invariant($"{e.Seconds:0.0}"));
        console.Write(table);
        string score = r.TestPerplexity is double test
            ? Invariant($"test perplexity {test:0.00}") + Invariant($" (validation {r.ValidationPerplexity:0.00})")
            : Invariant($"validation perplexity {r.ValidationPerplexity:0.00} ({r.ValidationLoss:0.0000} nats per token; no test part)");
        console.MarkupLine($"[bold]{Markup.Escape(score)}[/]");
        console.MarkupLineInterpolated($"{r.TokensPerSecond:N0} training tokens/s; {r.WallTime.TotalSeconds:0.0} s for {r.EpochsRun} epoch(s), {r.MillisecondsPerStep:0.0} ms per step with evaluation");
        var sample = r.Samples.FirstOrDefault(s => s.Temperature == 0.8f) ?? r.Samples.FirstOrDefault();
        if (sample is not null)
            console.MarkupLineInterpolated($"sample at temperature {sample.Temperature:0.0}: {Shorten(sample.Text.Continuation)}");
        console.MarkupLineInterpolated($"wrote {string.Join(", ", files)} to {outDir}");
    }

    private static string Shorten(string text)
    {
        string line = text.Replace('\n', ' ').Trim();
        return line.Length <= 160 ? line : line[..160] + "…";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
