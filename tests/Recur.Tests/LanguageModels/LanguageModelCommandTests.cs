using System.Text;
using System.Text.Json.Nodes;
using Recur.Tasks;
using Recur.Tasks.LanguageModels;
using Recur.Tests.Cli;
using Recur.Tests.Forecasting;

namespace Recur.Tests.LanguageModels;

/// <summary><c>recur lm</c>, <c>recur sample</c> and <c>recur nextword</c> end to end on small texts, and their refusals of bad input.</summary>
public sealed class LanguageModelCommandTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    // A small, quick word model: the tests check the plumbing, docs/language-models.md records the quality targets.
    private static readonly string[] Small = ["--hidden", "8", "--layers", "1", "--bptt", "5", "--batch", "4"];

    [Fact]
    public void Lm_on_a_word_text_writes_every_file_and_scores_the_test_part()
    {
        string outDir = _files.PathOf("words");
        var (exit, output) = CliRunner.Run(["lm", "--data", Sentences("words.txt"), .. Small, "--epochs", "2", "--out", outDir]);

        Assert.True(exit == 0, output);
        Assert.Matches(@"test perplexity \d+\.\d\d \(validation \d+\.\d\d\)", output);
        Assert.Contains("ms per step", output);
        foreach (string name in new[] { "report.md", "samples.md", "lm.json", "curves.png", "checkpoint/checkpoint.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), name);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "lm.json")))!;
        Assert.Equal("word", json["level"]!.GetValue<string>());
        Assert.Equal(2, json["epochs"]!.AsArray().Count);
        double test = json["test_perplexity"]!.GetValue<double>();
        // Better than a uniform guess over the vocabulary, and no better than certainty.
        Assert.InRange(test, 1.0, json["vocabulary"]!.GetValue<int>());
        Assert.Equal(Math.Exp(json["test_loss"]!.GetValue<double>()), test, 1e-9);
        Assert.Equal(3, File.ReadAllText(Path.Combine(outDir, "samples.md")).Split("## Temperature").Length - 1);
    }

    [Fact]
    public void Resuming_two_epochs_to_three_gives_the_uninterrupted_run_bit_for_bit()
    {
        string text = Sentences("resume.txt");
        string straight = _files.PathOf("straight"), resumed = _files.PathOf("resumed");
        string[] run = ["lm", "--data", text, .. Small, "--json"];
        var (exit, output) = CliRunner.Run([.. run, "--epochs", "3", "--out", straight]);
        Assert.True(exit == 0, output);
        Assert.Equal(0, CliRunner.Run([.. run, "--epochs", "2", "--out", resumed]).Exit);

        var (resumeExit, resumeOutput) = CliRunner.Run([.. run, "--epochs", "3", "--out", resumed, "--resume"]);

        Assert.True(resumeExit == 0, resumeOutput);
        var a = JsonNode.Parse(output)!;
        var b = JsonNode.Parse(resumeOutput)!;
        Assert.Equal(2, b["resumed_after_epoch"]!.GetValue<int>());
        Assert.Equal(a["test_loss"]!.GetValue<double>(), b["test_loss"]!.GetValue<double>());
        Assert.Equal(a["epochs"]![2]!["validation_loss"]!.GetValue<double>(), b["epochs"]![2]!["validation_loss"]!.GetValue<double>());
    }

    [Fact]
    public void Sample_continues_a_prompt_reproducibly_from_the_checkpoint_alone()
    {
        string model = Trained("sampled");
        string[] sample = ["sample", "--model", model, "--prompt", "the cat", "--tokens", "12", "--temperature", "0.8", "--top-k", "5", "--json"];

        var (exit, output) = CliRunner.Run([.. sample, "--seed", "7"]);
        var again = CliRunner.Run([.. sample, "--seed", "7"]);

        Assert.True(exit == 0, output);
        Assert.Equal(output, again.Output);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("the cat", json["prompt"]!.GetValue<string>());
        Assert.Equal(12, json["tokens"]!.AsArray().Count);
        Assert.Empty(json["unknown_prompt_tokens"]!.AsArray());
        Assert.DoesNotContain(json["tokens"]!.AsArray(), t => t!.GetValue<string>() == "<pad>");
        // Greedy decoding draws nothing: any seed writes the same text.
        string[] greedy = ["sample", "--model", model, "--prompt", "a bird", "--tokens", "6", "--greedy"];
        Assert.Equal(CliRunner.Run([.. greedy, "--seed", "1"]).Output, CliRunner.Run([.. greedy, "--seed", "2"]).Output);
    }

    [Fact]
    public void Sample_notes_the_unknown_words_of_a_prompt_that_has_known_ones()
    {
        var (exit, output) = CliRunner.Run("sample", "--model", Trained("noted"), "--prompt", "the zebra", "--tokens", "3");

        Assert.True(exit == 0, output);
        Assert.Contains("read as <unk>: 'zebra'", output);
    }

    [Fact]
    public void Predict_gives_a_language_model_s_next_words()
    {
        var (exit, output) = CliRunner.Run("predict", "--model", Trained("predicted"), "--text", "the cat");

        Assert.True(exit == 0, output);
        Assert.Matches(@"the cat → \S+ \(\d+\.\d %\)", output);
    }

    [Fact]
    public void Lm_trains_a_character_model()
    {
        string outDir = _files.PathOf("chars");
        var (exit, output) = CliRunner.Run(["lm", "--data", Sentences("chars.txt"), "--level", "char", .. Small, "--epochs", "1", "--out", outDir, "--json"]);

        Assert.True(exit == 0, output);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("char", json["level"]!.GetValue<string>());
        // Characters default to the char-small recipe, which starts from PyTorch's initialisation: the checkpoint says so.
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "checkpoint", "checkpoint.json")))!;
        Assert.True(manifest["config"]!.AsObject().TryGetPropertyValue("init_scale", out var initScale) && initScale is null, manifest.ToJsonString());
        var (sampleExit, sample) = CliRunner.Run("sample", "--model", outDir, "--prompt", "the ", "--tokens", "20", "--json");
        Assert.True(sampleExit == 0, sample);
        Assert.Equal(20, JsonNode.Parse(sample)!["tokens"]!.AsArray().Count);
    }

    public static TheoryData<string, string, string> BadCorpora() => new()
    {
        // text, extra flags, what the one line must say
        { "", "", "the file is empty" },
        { "", "--level char", "the file is empty" },
        { "\n\n\n", "", "holds no words" },
        { "the cat sat on the mat\n", "", "needs at least 24 training tokens" },
        { Repeat("the cat sat on the mat\n", 40), "--vocab 0", "--vocab must be at least 3" },
        { Repeat("the cat sat on the mat\n", 40), "--init 0", "--init must be a positive number" },
    };

    [Theory]
    [MemberData(nameof(BadCorpora))]
    public void Bad_corpus_or_setting_is_one_line_exit_one_and_nothing_is_written(string text, string flags, string expected)
    {
        string corpus = _files.PathOf("bad.txt");
        File.WriteAllText(corpus, text);
        string outDir = Untouched("untouched");

        var (exit, output) = CliRunner.Run(["lm", "--data", corpus, .. Small, "--out", outDir, .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        AssertOneLineError(exit, output, expected);
        AssertUntouched(outDir);
    }

    [Fact]
    public void An_init_that_is_neither_a_number_nor_pytorch_is_a_usage_error_of_one_line()
    {
        string outDir = Untouched("untouched");

        var (exit, output) = CliRunner.Run(["lm", "--data", Sentences("init.txt"), .. Small, "--out", outDir, "--init", "uniform"]);

        Assert.Equal(2, exit);
        Assert.Single(output.TrimEnd().Split('\n'));
        Assert.Contains("--init must be a number (every weight uniform in ±it) or 'pytorch', got 'uniform'", output);
        AssertUntouched(outDir);
    }

    [Fact]
    public void A_prompt_of_unknown_words_is_one_line()
    {
        var (exit, output) = CliRunner.Run("sample", "--model", Trained("unknown"), "--prompt", "zebra quokka", "--tokens", "3");

        AssertOneLineError(exit, output, "the prompt has no word the model knows ('zebra', 'quokka')");
    }

    [Fact]
    public void Another_kind_of_checkpoint_given_to_sample_is_one_line_and_stays_as_it_was()
    {
        string classifier = _files.PathOf("classifier");
        Assert.Equal(0, CliRunner.Run("classify", "--recipe", "slides-chars", "--out", classifier, "--json").Exit);
        var before = Snapshot(classifier);

        var (exit, output) = CliRunner.Run("sample", "--model", classifier, "--tokens", "3");

        AssertOneLineError(exit, output, "holds a 'classify' model, not a language model");
        Assert.Equal(before, Snapshot(classifier));
    }

    [Fact]
    public void Resuming_another_kind_of_checkpoint_is_one_line_and_leaves_it_alone()
    {
        string classifier = _files.PathOf("classifier-resume");
        Assert.Equal(0, CliRunner.Run("classify", "--recipe", "slides-chars", "--out", classifier, "--json").Exit);
        var before = Snapshot(classifier);

        var (exit, output) = CliRunner.Run(["lm", "--data", Sentences("other.txt"), .. Small, "--epochs", "2", "--out", classifier, "--resume"]);

        AssertOneLineError(exit, output, "holds a 'classify' model, not a language model");
        Assert.Equal(before, Snapshot(classifier));
    }

    [Fact]
    public void Nextword_predicts_every_slide_sentence_s_last_word()
    {
        var (exit, output) = CliRunner.Run("nextword", "--json");

        Assert.True(exit == 0, output);
        var json = JsonNode.Parse(output)!;
        var predictions = json["predictions"]!.AsArray();
        Assert.Equal(["dog", "coffee", "milk"], predictions.Select(p => p!["predicted"]!.GetValue<string>()));
        Assert.All(predictions, p => Assert.True(p!["correct"]!.GetValue<bool>()));
        var loss = json["loss"]!.AsArray().Select(l => l!.GetValue<double>()).ToList();
        Assert.Equal(5000, loss.Count);
        Assert.True(loss[^1] < loss[0] / 10, $"the loss went from {loss[0]} to {loss[^1]}");
    }

    [Fact]
    public void Nextword_reads_the_user_s_sentences_and_prints_the_table()
    {
        string file = _files.PathOf("sentences.txt");
        File.WriteAllText(file, "you drink tea\nwe eat bread\n\nthey read books\n");

        var (exit, output) = CliRunner.Run("nextword", "--sentences", file);

        Assert.True(exit == 0, output);
        Assert.Contains("3 of 3 last words predicted", output);
        Assert.Contains("cost =", output);
        foreach (string word in new[] { "tea", "bread", "books" }) Assert.Contains(word, output);
    }

    [Fact]
    public void Nextword_refuses_a_file_without_sentences_in_one_line()
    {
        string file = _files.PathOf("blank.txt");
        File.WriteAllText(file, "\n  \n");

        var (exit, output) = CliRunner.Run("nextword", "--sentences", file);

        AssertOneLineError(exit, output, "holds no sentences");
    }

    [Fact]
    public void Sample_refuses_a_config_edited_away_from_its_weights_before_building_the_network()
    {
        // hidden 4096 over 2 layers would be a network of ~200 M parameters: the count is checked against the weights first.
        string model = Trained("edited");
        string manifest = Path.Combine(model, "checkpoint", "checkpoint.json");
        var json = JsonNode.Parse(File.ReadAllText(manifest))!;
        var architecture = json["config"]!["model"]!;
        architecture["hidden"] = 4096;
        architecture["layers"] = 2;
        File.WriteAllText(manifest, json.ToJsonString());

        var (exit, output) = CliRunner.Run("sample", "--model", model, "--prompt", "the cat", "--tokens", "3");

        AssertOneLineError(exit, output, "parameters but the weights hold");
    }

    [Theory]
    [InlineData(RecurrentKind.Lstm, 2, false)]
    [InlineData(RecurrentKind.Gru, 1, false)]
    [InlineData(RecurrentKind.Rnn, 3, false)]
    [InlineData(RecurrentKind.Lstm, 2, true)]
    public void A_language_models_counted_parameters_are_the_built_ones(RecurrentKind kind, int layers, bool tie)
    {
        var architecture = new LanguageModelArchitecture(kind, VocabularySize: 23, EmbeddingSize: 6, Hidden: 6, Layers: layers, Dropout: 0.1f, TieWeights: tie);

        Assert.Equal(new LanguageModelNetwork(architecture, null, new Generator(1)).ParameterCount(), architecture.ParameterCount());
    }

    public void Dispose() => _files.Dispose();

    /// <summary>A model trained on <see cref="Sentences"/> in <paramref name="name"/>, for the sampling tests.</summary>
    private string Trained(string name)
    {
        string outDir = _files.PathOf(name);
        var (exit, output) = CliRunner.Run(["lm", "--data", Sentences(name + ".txt"), .. Small, "--epochs", "2", "--out", outDir, "--json"]);
        Assert.True(exit == 0, output);
        return outDir;
    }

    /// <summary>A text of short sentences, one a line: 1,200 words, so that 10 % each for validation and test still fill a window.</summary>
    private string Sentences(string name)
    {
        string[] lines = ["the cat sat on the mat and the dog ate the bone", "a bird flew over the house"];
        var text = new StringBuilder();
        for (int i = 0; i < 60; i++)
            foreach (string line in lines) text.Append(line).Append('\n');
        File.WriteAllText(_files.PathOf(name), text.ToString());
        return _files.PathOf(name);
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private string Untouched(string name)
    {
        string outDir = _files.PathOf(name);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "report.md"), "an earlier run");
        return outDir;
    }

    private static void AssertUntouched(string outDir)
    {
        Assert.Equal(["report.md"], Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName));
        Assert.Equal("an earlier run", File.ReadAllText(Path.Combine(outDir, "report.md")));
    }

    private static void AssertOneLineError(int exit, string output, string expected)
    {
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", output);
        Assert.Single(output.TrimEnd().Split('\n'));
        Assert.Contains(expected, output);
        Assert.DoesNotContain("   at ", output);
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
