using System.Diagnostics;
using System.Globalization;
using System.Text;
using Recur.Data.Prices;
using Recur.Tasks.Forecasting;

namespace Recur.Bench;

/// <summary>
/// Cost on big inputs (issue 16, item 4): the seconds to read the header of a price file with 100 k and 1 M columns (the
/// duplicate-name check must be linear: the target is 1 M columns in ≤ 2 s), and the peak memory of one forecast epoch on a
/// generated daily file beside the size of its numeric data (the target is ≤ 4× the numeric data plus the model).
/// Options: <c>--rows N</c> (default 20,000) for the forecast file; <c>--columns a,b</c> for the header widths (default
/// 9,999, the widest a price file may be with its date, and 1,000,000, which is refused before parsing).
/// </summary>
internal static class BigInputBenchmark
{
    public static int Run(string[] args)
    {
        int rows = int.Parse(Option(args, "--rows") ?? "20000", CultureInfo.InvariantCulture);
        int[] widths = (Option(args, "--columns") ?? "9999,1000000").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        string folder = Path.Combine(Path.GetTempPath(), $"recur-bench-big-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            // The forecast first: the process's peak working set then is the run's, not the wide headers'.
            Forecast(folder, rows);
            foreach (int width in widths) Header(folder, width);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }

    private static void Header(string folder, int width)
    {
        // Distinct names but the last, which repeats the first: the check must reach the end to find it.
        var header = new StringBuilder("Date");
        for (int c = 1; c < width; c++) header.Append(CultureInfo.InvariantCulture, $",c{c}");
        header.Append(",c1\n2020-01-02");
        for (int c = 1; c <= width; c++) header.Append(",1");
        string path = Path.Combine(folder, $"wide-{width}.csv");
        File.WriteAllText(path, header.Append('\n').ToString());
        var clock = Stopwatch.StartNew();
        string outcome;
        try
        {
            outcome = $"{PriceSeriesReader.ColumnsOf(path).Count:N0} columns read";
        }
        catch (Recur.Data.DataFormatException e)
        {
            outcome = $"refused: {e.Message[..Math.Min(80, e.Message.Length)]}…";
        }
        Console.WriteLine($"header of {width,9:N0} columns ({new FileInfo(path).Length / 1e6:0.0} MB): {clock.Elapsed.TotalSeconds:0.000} s, {outcome}");
    }

    private static void Forecast(string folder, int rows)
    {
        var text = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
        var day = new DateOnly(1900, 1, 1);
        for (int i = 0; i < rows; i++)
        {
            double close = 100 + 0.001 * i + 10 * Math.Sin(i / 9.0), open = close - Math.Cos(i / 5.0);
            text.Append(CultureInfo.InvariantCulture,
                $"{day.AddDays(i):yyyy-MM-dd},{open:0.0000},{open + 1:0.0000},{close - 1:0.0000},{close:0.0000},{100000 + i % 977}\n");
        }
        string path = Path.Combine(folder, "long.csv");
        File.WriteAllText(path, text.ToString());
        long numericBytes = (long)rows * 5 * sizeof(double);
        GC.Collect();
        long before = Process.GetCurrentProcess().PeakWorkingSet64;
        var clock = Stopwatch.StartNew();
        var result = new Forecaster(new ForecastOptions { CsvPath = path, Epochs = 1, ArimaMaxOrder = 1 }).Run();
        clock.Stop();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        long peak = process.PeakWorkingSet64;
        Console.WriteLine($"forecast, {rows:N0} rows ({new FileInfo(path).Length / 1e6:0.0} MB file, {numericBytes / 1e6:0.0} MB numeric data), 1 epoch " +
            $"of {result.TrainWindows + result.ValidationWindows:N0} windows: {clock.Elapsed.TotalSeconds:0.0} s, peak working set {peak / 1e6:0} MB " +
            $"({(double)peak / numericBytes:0.0}× the numeric data; {before / 1e6:0} MB before the run)");
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
