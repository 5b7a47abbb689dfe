using System.Text;
using System.Text.Json.Nodes;
using Recur.Tests.Cli;
using Recur.Tests.Forecasting;

namespace Recur.Tests.TextClassification;

/// <summary><c>recur classify</c> end to end on the bundled SMS spam and on small CSVs, <c>recur predict --text</c>, and bad input.</summary>
public sealed class ClassifyCommandTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    // A small, quick model: the tests check the plumbing, the docs record the quality targets.
    private static readonly string[] Small = ["--model", "rnn", "--embedding", "8", "--hidden", "8", "--epochs", "2", "--patience", "0"];

    [Fact]
    public void Sms_spam_run_writes_every_file_and_says_whether_the_network_beats_the_best_baseline()
    {
        string outDir = _files.PathOf("sms");
        var (exit, output) = CliRunner.Run(["classify", "--data", "sms-spam", .. Small, "--out", outDir]);

        Assert.True(exit == 0, output);
        Assert.Contains("simple_rnn (SimpleRNN)", output);
        Assert.Contains("naive Bayes, word 1-2-grams", output);
        Assert.Matches("The network (beats|does not beat|ties) the best baseline", output);
        Assert.Contains("McNemar", output);
        foreach (string name in new[] { "report.md", "curves.png", "confusion.png", "predictions.csv", "classify.json", "checkpoint/checkpoint.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), name);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "classify.json")))!;
        Assert.Equal(558, json["texts"]!["test"]!.GetValue<int>());
        Assert.Equal(3, json["baselines"]!.AsArray().Count);
        Assert.InRange(json["network"]!["accuracy"]!.GetValue<double>(), 0.8, 1.0);
        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("## The most confident mistakes", report);
        Assert.Contains("| spam |", report);
        // The model summary sits in its own code block: the closing fence on a line of its own.
        Assert.Contains("\nTotal params: ", report);
        Assert.Matches(@"\n```\r?\n", report[report.IndexOf("Non-trainable params", StringComparison.Ordinal)..]);

        // The reported accuracy is that of the predictions written beside it: each row's "correct" says whether its two
        // classes agree, and their mean is the accuracy.
        var rows = File.ReadAllLines(Path.Combine(outDir, "predictions.csv")).Skip(1).Select(l => l.Split(',', 5)).ToArray();
        Assert.Equal(558, rows.Length);
        Assert.All(rows, r => Assert.Equal(r[0] == r[1] ? "1" : "0", r[3]));
        Assert.Equal(rows.Average(r => r[3] == "1" ? 1.0 : 0.0), json["network"]!["accuracy"]!.GetValue<double>(), 1e-12);
        ChartAssert.IsChart(Path.Combine(outDir, "curves.png"), 1000, 450, series: 2);      // training and validation
        ChartAssert.IsChart(Path.Combine(outDir, "confusion.png"), 560, 500, series: 1);
    }

    [Fact]
    public void Predict_classifies_texts_from_the_checkpoint_alone()
    {
        string trained = _files.PathOf("trained");
        Assert.Equal(0, CliRunner.Run(["classify", "--csv", Reviews("reviews.csv", 60), "--text-column", "review", "--label-column", "sentiment",
            "--epochs", "30", "--batch", "8", "--lr", "0.01", "--hidden", "8", "--embedding", "8", "--patience", "0", "--out", trained]).Exit);
        // Only the checkpoint folder travels.
        string moved = _files.PathOf("moved");
        CopyDirectory(Path.Combine(trained, "checkpoint"), moved);

        var (exit, output) = CliRunner.Run("predict", "--model", moved, "--text", "a wonderful lovely film", "--text", "an awful boring mess", "--json");

        Assert.True(exit == 0, output);
        var predictions = JsonNode.Parse(output)!["results"]!.AsArray();
        Assert.Equal("good", predictions[0]!["label"]!.GetValue<string>());
        Assert.Equal("bad", predictions[1]!["label"]!.GetValue<string>());
        Assert.InRange(predictions[0]!["probability"]!.GetValue<double>(), 0.5, 1.0);
    }

    [Fact]
    public void Slides_chars_toy_gives_each_word_its_probability_and_learns_all_four()
    {
        var (exit, output) = CliRunner.Run("classify", "--recipe", "slides-chars", "--out", _files.PathOf("toy"), "--json");

        Assert.True(exit == 0, output);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(1.0, json["network"]!["accuracy"]!.GetValue<double>());
        var predictions = File.ReadAllLines(Path.Combine(_files.PathOf("toy"), "predictions.csv"));
        Assert.Contains(predictions, line => line.EndsWith(",\"so good\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_continues_a_run_to_more_epochs()
    {
        string outDir = _files.PathOf("resumed");
        string csv = Reviews("resume.csv", 40);
        string[] run = ["classify", "--csv", csv, "--text-column", "review", "--label-column", "sentiment", "--hidden", "4", "--embedding", "4",
            "--patience", "0", "--out", outDir, "--json"];
        Assert.Equal(0, CliRunner.Run([.. run, "--epochs", "2"]).Exit);

        var (exit, output) = CliRunner.Run([.. run, "--epochs", "3", "--resume"]);

        Assert.True(exit == 0, output);
        Assert.Equal(3, JsonNode.Parse(output)!["epochs"]!.GetValue<int>());
    }

    public static TheoryData<string, string, string> BadFiles() => new()
    {
        // file content, extra flags, what the one line must say
        { "", "", "holds no rows" },
        { "review,sentiment\n", "", "holds no rows" },
        { "text,label\nnice film,good\n", "", "review" },
        { "review,sentiment\nnice,good\ngreat,good\nfine,good\n", "", "every text has the label 'good'" },
        { "review,sentiment\nnice,good\n,bad\nawful,bad\n", "", ":3" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_csv_is_one_line_exit_one_and_nothing_is_written(string content, string flags, string expected)
    {
        string csv = _files.PathOf("bad.csv");
        File.WriteAllText(csv, content);
        string outDir = _files.PathOf("untouched");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "report.md"), "an earlier run");

        var (exit, output) = CliRunner.Run(["classify", "--csv", csv, "--text-column", "review", "--label-column", "sentiment", "--out", outDir,
            .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", output);
        Assert.Single(output.TrimEnd().Split('\n'));
        Assert.Contains(expected, output);
        Assert.Equal(["report.md"], Directory.GetFiles(outDir).Select(Path.GetFileName));
        Assert.Equal("an earlier run", File.ReadAllText(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public void An_undecodable_byte_names_the_file_and_line()
    {
        string csv = _files.PathOf("latin.csv");
        File.WriteAllBytes(csv, [.. Encoding.ASCII.GetBytes("review,sentiment\nnice,good\ncaf"), 0xE9, .. Encoding.ASCII.GetBytes(",bad\n")]);

        var (exit, output) = CliRunner.Run("classify", "--csv", csv, "--text-column", "review", "--label-column", "sentiment", "--encoding", "utf-8",
            "--out", _files.PathOf("latin"));

        Assert.Equal(1, exit);
        Assert.Contains("latin.csv:3", output);
    }

    [Fact]
    public void Settings_out_of_range_name_the_flag()
    {
        var (exit, output) = CliRunner.Run("classify", "--hidden", "0", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Contains("error: --hidden must be at least 1, got 0.", output);
    }

    /// <summary>A tiny review corpus whose words give the label away, <paramref name="rows"/> rows.</summary>
    private string Reviews(string name, int rows) => ReviewCorpus.Write(_files.PathOf(name), rows);

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    public void Dispose() => _files.Dispose();
}
