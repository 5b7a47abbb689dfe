using System.Globalization;
using System.Text;
using Recur.Tasks.TextClassification;

namespace Recur.Tasks.LanguageModels;

/// <summary>The text files of a language model's run: <c>report.md</c> and <c>samples.md</c>, and the names used in both.</summary>
public static class LanguageModelReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"2 × LSTM(200), embedding 200" and the like.</summary>
    public static string NetworkName(LanguageModelOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return string.Create(Invariant, $"{o.Layers} × {o.Model.ToString().ToUpperInvariant()}({o.Hidden}), embedding {o.EmbeddingWidth}{(o.TieWeights ? ", tied" : "")}{(o.Dropout > 0 ? $", dropout {o.Dropout:0.##}" : "")}");
    }

    /// <summary>How the weights start: "every weight starting uniform in ±0.1", or PyTorch's defaults.</summary>
    public static string InitName(LanguageModelOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.InitScale is float scale
            ? string.Create(Invariant, $"every weight starting uniform in ±{scale:0.###}")
            : "PyTorch's default initialisation (embedding N(0, 1), recurrent and output weights and biases U(±1/√H))";
    }

    /// <summary>What the text is: "Penn Treebank (words)" and the like.</summary>
    public static string CorpusName(LanguageModelOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        string text = o.Corpus switch
        {
            LanguageModelCorpus.Ptb => "Penn Treebank",
            LanguageModelCorpus.Shakespeare => "tiny-shakespeare",
            _ => Path.GetFileName(o.DataPath),
        };
        return $"{text} ({(o.Level == TokenLevel.Char ? "characters" : "words")})";
    }

    /// <summary>
    /// The Markdown report: data, model and training, the epochs in perplexities, the test perplexity, throughput, the
    /// chart (its file name beside the report, or null) and where the samples are.
    /// </summary>
    public static string Markdown(LanguageModelResult r, string? curvesChart, string? samplesFile, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(r);
        var o = r.Options;
        var d = r.Data;
        string unit = o.Level == TokenLevel.Char ? "character" : "word";
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# Language model: {CorpusName(o)}");
        md.AppendLine();
        md.AppendLine(Invariant, $"Produced by `{commandLine}`.");
        md.AppendLine();
        md.AppendLine("## Data");
        md.AppendLine();
        md.AppendLine(Invariant, $"- Source: `{d.Source}`: {d.Train.Length:N0} training, {d.Validation.Length:N0} validation and {(d.HasTest ? $"{d.Test.Length:N0} test" : "no test")} tokens ({unit}s{(d.Tokenization.EndOfSentence is string eos ? $", `{eos}` at each line end" : "")}).");
        md.AppendLine(Invariant, $"- Vocabulary: {d.Tokenization.Vocabulary.Count:N0} ids from the training text (`<pad>` = 0, never a target; `<unk>` = 1).");
        foreach (string note in d.Notes) md.AppendLine(Invariant, $"- {note}");
        md.AppendLine();
        md.AppendLine("## Model and training");
        md.AppendLine();
        md.AppendLine(Invariant, $"- {NetworkName(o)}: {r.ParameterCount:N0} parameters, {InitName(o)}.");
        md.AppendLine(Invariant, $"- Truncated backpropagation: {o.BatchSize} streams × {o.Bptt} steps ({r.StepsPerEpoch:N0} steps per epoch), the state carried from chunk to chunk and reset each epoch; validation with the same carry, the test read as one stream.");
        md.AppendLine(Invariant, $"- {Schedule(o)}{(o.ClipNorm is float c ? $"; gradients clipped at norm {c:0.##}" : "")}{(o.SumOverSteps ? "; loss summed over the steps (Zaremba's scaling)" : "")}; {o.Epochs} epoch(s), seed {o.Seed}{(r.ResumedAfterEpoch is int e ? $"; resumed after epoch {e}" : "")}.");
        md.AppendLine();
        md.AppendLine("## Epochs");
        md.AppendLine();
        md.AppendLine("| epoch | learning rate | train perplexity | validation perplexity | tokens/s | seconds |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var ep in r.Epochs)
            md.AppendLine(Invariant, $"| {ep.Epoch} | {ep.LearningRate:0.######} | {ep.TrainPerplexity:0.00} | {ep.ValidationPerplexity:0.00} | {(double.IsFinite(ep.TokensPerSecond) ? ep.TokensPerSecond.ToString("N0", Invariant) : "–")} | {ep.Seconds:0.0} |");
        md.AppendLine();
        md.AppendLine("## Result");
        md.AppendLine();
        if (r.TestPerplexity is double test)
            md.AppendLine(Invariant, $"- Test perplexity **{test:0.00}** ({r.TestLoss:0.0000} nats per {unit}); validation {r.ValidationPerplexity:0.00} ({r.ValidationLoss:0.0000} nats).");
        else
            md.AppendLine(Invariant, $"- Validation perplexity **{r.ValidationPerplexity:0.00}** ({r.ValidationLoss:0.0000} nats per {unit}); no test part.");
        md.AppendLine(Invariant, $"- {r.TokensPerSecond:N0} training tokens per second; this run took {r.WallTime.TotalSeconds:0.0} s for {r.EpochsRun} epoch(s), {r.MillisecondsPerStep:0.0} ms per training step with evaluation and sampling included.");
        md.AppendLine();
        if (curvesChart is not null)
        {
            md.AppendLine(Invariant, $"![perplexity per epoch]({curvesChart})");
            md.AppendLine();
        }
        if (samplesFile is not null) md.AppendLine(Invariant, $"Text sampled at temperatures {string.Join(", ", LanguageModelTrainer.SampleTemperatures)}: [{samplesFile}]({samplesFile}).");
        return md.ToString();
    }

    /// <summary><c>samples.md</c>: the text written at each temperature, from the start of a sentence (or line).</summary>
    public static string Samples(LanguageModelResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# Samples: {CorpusName(r.Options)}, after epoch {r.Epochs[^1].Epoch}");
        md.AppendLine();
        md.AppendLine(Invariant, $"{r.Options.SampleTokens} tokens each, drawn from the softmax at each temperature (seed {r.Options.Seed}), from the start of a {(r.Options.Level == TokenLevel.Char ? "line" : "sentence")}.");
        foreach (var s in r.Samples)
        {
            md.AppendLine();
            md.AppendLine(Invariant, $"## Temperature {s.Temperature:0.0#}");
            md.AppendLine();
            md.AppendLine("```text");
            md.AppendLine(s.Text.Continuation.TrimEnd('\n'));
            md.AppendLine("```");
        }
        return md.ToString();
    }

    private static string Schedule(LanguageModelOptions o)
    {
        string optimizer = string.Create(Invariant, $"{(o.Optimizer == LanguageModelOptimizer.Adam ? "Adam" : "SGD")} at {o.LearningRate:0.#####}");
        if (o.DecayAfterEpoch is int k)
            return string.Create(Invariant, $"{optimizer}, × {o.DecayFactor:0.####} after every epoch from epoch {k + 1}");
        return o.DecayOnPlateau ? string.Create(Invariant, $"{optimizer}, × {o.DecayFactor:0.####} when the validation loss does not improve") : optimizer;
    }
}
