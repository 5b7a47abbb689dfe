using Recur.Tasks.Forecasting;
using Recur.Tests.Cli;
using Recur.Tests.Data.Text;

namespace Recur.Tests.Forecasting;

/// <summary>
/// What the libraries say names their own options; what <c>recur</c> says names its flags (issue 10, item 4).
/// </summary>
public class ForecastMessageWordingTests : IDisposable
{
    private static readonly string[] CSharpWords = ["PriceSeriesOptions", "MissingValuePolicy", "ForecastOptions", "ColumnNames", "EncodingName", "SkipRow", "ForwardFill"];

    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Write(string text)
    {
        string path = _files.PathOf("prices.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertCommandLineWords(string output, string flag)
    {
        Assert.Contains(flag, output);
        foreach (string word in CSharpWords) Assert.DoesNotContain(word, output);
    }

    [Fact]
    public void An_empty_cell_names_the_missing_flag()
    {
        var (exit, output) = CliRunner.Run("forecast", "--csv", RepositoryFiles.Data("stock/hite-000080-2018-2020-cp949.csv"),
            "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        AssertCommandLineWords(output, "--missing skip");
        Assert.Contains("--missing ffill", output);
    }

    [Theory]
    [InlineData("Date,Open,High,Low,Volume,Close\n2020-01-02,1,2,0.5,100,1.5\n,1,2,0.5,100,1.5\n", "ffill", "--missing skip")]   // a date cannot be filled
    [InlineData("Date,Open,High,Low,Volume,Close\n2020-01-02,1,2,0.5,,1.5\n2020-01-03,1,2,0.5,,1.5\n", "skip", "--features")]   // no row left
    [InlineData("1,2,0.5,100,1.5\n1,2,0.5,100,1.5\n", "error", "--columns")]   // no header row
    public void A_file_refused_names_the_flag_that_would_read_it(string text, string missing, string flag)
    {
        var (exit, output) = CliRunner.Run("forecast", "--csv", Write(text), "--missing", missing, "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        AssertCommandLineWords(output, flag);
    }

    [Fact]
    public void Bytes_neither_utf8_nor_cp949_name_the_encoding_flag()
    {
        string csv = _files.PathOf("bytes.csv");
        // 0xC0 starts a two-byte character in CP949 and in UTF-8, but a newline cannot be its second byte in either.
        File.WriteAllBytes(csv, [.. "Date,Open,High,Low,Volume,Close\n2020-01-02,1,2,0.5,100,"u8, 0xC0, (byte)'\n']);
        var (exit, output) = CliRunner.Run("forecast", "--csv", csv, "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        AssertCommandLineWords(output, "--encoding");
    }

    [Fact]
    public void Names_given_for_a_file_with_a_header_are_a_note_in_command_line_words()
    {
        string csv = _files.Wave("wave.csv", rows: 60);
        var (exit, output) = CliRunner.Run("forecast", "--csv", csv, "--columns", "Date,Open,High,Low,Close,Volume",
            "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.True(exit == 0, output);
        AssertCommandLineWords(output, "the column names given were used instead");
    }

    [Fact]
    public void Predict_names_the_training_flags_as_flags_of_forecast()
    {
        string model = _files.PathOf("model");
        var (trainExit, trainOutput) = CliRunner.Run("forecast", "--csv", _files.Wave("wave.csv", rows: 60), "--epochs", "1", "--out", model);
        Assert.True(trainExit == 0, trainOutput);
        string gappy = Write("Date,Open,High,Low,Close,Volume\n" +
            string.Concat(Enumerable.Range(1, 20).Select(d => $"2020-01-{d:00},1,2,0.5,{(d == 10 ? "" : "1.5")},100\n")));

        var (exit, output) = CliRunner.Run("predict", "--model", model, "--csv", gappy);

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        AssertCommandLineWords(output, "--missing skip");
        Assert.Contains("flags of recur forecast", output);
    }

    [Theory]
    [InlineData("--layers", "0")]
    [InlineData("--split", "1.5")]
    [InlineData("--window", "400")]
    [InlineData("--columns", ",")]
    public void An_option_out_of_range_is_one_line_naming_the_flag(string flag, string value)
    {
        string csv = _files.Wave("wave.csv", rows: 60);
        var (exit, output) = CliRunner.Run("forecast", "--csv", csv, flag, value, "--epochs", "1", "--out", _files.PathOf("x"));

        Assert.Equal(1, exit);
        Assert.Single(output.Trim().Split('\n'));
        AssertCommandLineWords(output, flag);
    }

    [Fact]
    public void The_recipe_names_its_own_options_not_command_line_flags()
    {
        var options = new ForecastOptions { CsvPath = _files.Wave("wave.csv", rows: 60), Layers = 0 };

        var e = Assert.ThrowsAny<ArgumentException>(() => new Forecaster(options));
        Assert.Contains("Layers", e.Message);
        Assert.DoesNotContain("--", e.Message);
    }

    [Fact]
    public void The_recipe_names_its_own_options_when_the_data_is_too_short_for_the_window()
    {
        var options = new ForecastOptions { CsvPath = _files.Wave("wave.csv", rows: 60), Window = 400 };

        var e = Assert.ThrowsAny<ArgumentException>(() => new Forecaster(options).Prepare());
        Assert.Contains("Window", e.Message);
        Assert.DoesNotContain("--", e.Message);
    }
}
