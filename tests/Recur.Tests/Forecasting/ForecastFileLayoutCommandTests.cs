using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Recur.Tests.Cli;

namespace Recur.Tests.Forecasting;

/// <summary><c>recur forecast</c> on the layouts issue 14 added: yfinance's three header rows, European dates and decimal commas.</summary>
public class ForecastFileLayoutCommandTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    // 80 trading days of a wave, written by `line(date, open, high, low, close, volume)`.
    private string Write(string name, string header, Func<DateOnly, double, double, double, double, int, string> line)
    {
        var text = new StringBuilder(header);
        for (int i = 0; i < 80; i++)
        {
            double close = Math.Round(100 + 0.05 * i + 3 * Math.Sin(i / 6.0), 2);
            text.Append(line(new DateOnly(2023, 1, 2).AddDays(i), close - 0.4, close + 1, close - 1, close, 1000 + i % 9));
        }
        string path = _files.PathOf(name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void A_yfinance_download_is_read_with_its_three_header_rows()
    {
        string csv = Write("goog.csv", "Price,Close,High,Low,Open,Volume\nTicker,GOOG,GOOG,GOOG,GOOG,GOOG\nDate,,,,,\n",
            (d, o, h, l, c, v) => string.Create(CultureInfo.InvariantCulture, $"{d:yyyy-MM-dd},{c},{h},{l},{o},{v}\n"));

        var (exit, output) = CliRunner.Run("forecast", "--csv", csv, "--epochs", "1", "--out", _files.PathOf("y"), "--json");

        Assert.True(exit == 0, output);
        Assert.Equal(80, (int)JsonNode.Parse(output)!["rows"]!);
    }

    [Fact]
    public void A_semicolon_file_with_european_dates_and_decimal_commas_reads_and_the_report_says_how()
    {
        string csv = Write("eu.csv", "Date;Open;High;Low;Close;Volume\n",
            (d, o, h, l, c, v) => $"{d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)};{F(o)};{F(h)};{F(l)};{F(c)};{v}\n");
        string outDir = _files.PathOf("eu");

        var (exit, output) = CliRunner.Run("forecast", "--csv", csv, "--epochs", "1", "--out", outDir);

        Assert.True(exit == 0, output);
        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("DD.MM.YYYY", report);
        Assert.Contains("decimal commas", report);
        Assert.Contains(",2023-03-22,", File.ReadAllText(Path.Combine(outDir, "predictions.csv")));
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');
}
