using System.Diagnostics;
using System.Globalization;
using System.Text;
using Recur.Data.Prices;
using Recur.Tasks.Forecasting;

namespace Recur.Bench;

/// <summary>
/// Cost on big inputs (issue 16, item 4): the peak memory of reading a generated daily price file and of one forecast
/// epoch on it, beside the size of its numeric data (the target is ≤ 4× the numeric data plus the model), and the seconds
/// to read the header of a price file with 9,999 and 1 M columns (the duplicate-name check must be linear: the target is
/// 1 M columns in ≤ 2 s). Options: <c>--rows N</c> (default 20,000) for the long file; <c>--read-only</c> to measure the
/// reader alone (no forecast); <c>--columns a,b</c> for the header widths (default 9,999, the widest a price file may be
/// with its date, and 1,000,000, which is refused before parsing; <c>--columns none</c> skips them).
/// </summary>
/// <remarks>
/// The peak is the process's resident set: the kernel's high-water mark is reset (<c>/proc/self/clear_refs</c>) after the
/// file is written and collected, and the run's peak is that mark after the run minus the resident set before it (runtime,
/// loaded code). A second figure samples the managed heap (garbage not yet collected included) every 5 ms.
/// </remarks>
internal static class BigInputBenchmark
{
    public static int Run(string[] args)
    {
        int rows = int.Parse(CommandLine.Option(args, "--rows") ?? "20000", CultureInfo.InvariantCulture);
        bool readOnly = args.Contains("--read-only");
        string columns = CommandLine.Option(args, "--columns") ?? "9999,1000000";
        int[] widths = columns == "none" ? [] : columns.Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        string folder = Path.Combine(Path.GetTempPath(), $"recur-bench-big-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            // The long file first: the process's peak then is the run's, not the wide headers'.
            LongFile(folder, rows, readOnly);
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

    private static void LongFile(string folder, int rows, bool readOnly)
    {
        string path = Path.Combine(folder, "long.csv");
        // Written line by line, so that no copy of the text is in memory when the measurement starts.
        using (var writer = new StreamWriter(path))
        {
            writer.Write("Date,Open,High,Low,Close,Volume\n");
            var day = new DateOnly(1900, 1, 1);
            for (int i = 0; i < rows; i++)
            {
                double close = 100 + 0.001 * i + 10 * Math.Sin(i / 9.0), open = close - Math.Cos(i / 5.0);
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{day.AddDays(i):yyyy-MM-dd},{open:0.0000},{open + 1:0.0000},{close - 1:0.0000},{close:0.0000},{100000 + i % 977}\n"));
            }
        }
        long numericBytes = (long)rows * 5 * sizeof(double);
        string size = $"{rows:N0} rows ({new FileInfo(path).Length / 1e6:0.0} MB file, {numericBytes / 1e6:0.0} MB numeric data)";

        var peak = PeakMemory.Start();
        var clock = Stopwatch.StartNew();
        string what;
        if (readOnly)
        {
            var series = PriceSeriesReader.Read(path);
            what = $"read, {size} into {series.ColumnNames.Count} columns";
        }
        else
        {
            var result = new Forecaster(new ForecastOptions { CsvPath = path, Epochs = 1, ArimaMaxOrder = 1 }).Run();
            what = $"forecast, {size}, 1 epoch of {result.TrainWindows + result.ValidationWindows:N0} windows";
        }
        clock.Stop();
        var (before, workingSet, heap) = peak.Stop();
        Console.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:0.0} s, peak working set {workingSet / 1e6:0} MB above the {before / 1e6:0} MB before the run " +
            $"({(double)workingSet / numericBytes:0.0}× the numeric data); managed heap peak {heap / 1e6:0} MB ({(double)heap / numericBytes:0.0}×)");
    }

    /// <summary>The run's peak resident set (after resetting the kernel's high-water mark) and a sampled managed-heap peak.</summary>
    private sealed class PeakMemory
    {
        private readonly long _residentBefore, _heapBefore;
        private readonly Thread _sampler;
        private long _heapPeak;
        private volatile bool _stopped;

        private PeakMemory()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            File.WriteAllText("/proc/self/clear_refs", "5");   // resets VmHWM to the current resident set
            _residentBefore = Status("VmRSS");
            _heapBefore = GC.GetTotalMemory(false);
            _heapPeak = _heapBefore;
            _sampler = new Thread(() =>
            {
                while (!_stopped)
                {
                    _heapPeak = Math.Max(_heapPeak, GC.GetTotalMemory(false));
                    Thread.Sleep(5);
                }
            }) { IsBackground = true };
            _sampler.Start();
        }

        public static PeakMemory Start() => new();

        public (long Before, long WorkingSet, long Heap) Stop()
        {
            _stopped = true;
            _sampler.Join();
            return (_residentBefore, Status("VmHWM") - _residentBefore, _heapPeak - _heapBefore);
        }

        // A /proc/self/status figure in bytes (given there in kB).
        private static long Status(string key)
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                    return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            throw new InvalidOperationException($"/proc/self/status has no {key}.");
        }
    }
}
