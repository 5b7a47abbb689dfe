namespace Recur.Data.Prices;

/// <summary>
/// What <see cref="PriceSeriesReader"/> did about empty cells: rows left out (by <see cref="MissingValuePolicy.SkipRow"/>,
/// or at the start under <see cref="MissingValuePolicy.ForwardFill"/>) and cells filled from the previous day.
/// </summary>
/// <param name="SkippedRowCount">Rows left out.</param>
/// <param name="SkippedLines">File line numbers (1-based) of the first skipped rows, at most <see cref="MaxListedLines"/>.</param>
/// <param name="FilledCellCount">Cells filled from the previous trading day.</param>
/// <param name="FilledLines">File line numbers of the first rows with a filled cell, at most <see cref="MaxListedLines"/>.</param>
public sealed record MissingCellsReport(int SkippedRowCount, IReadOnlyList<int> SkippedLines, int FilledCellCount, IReadOnlyList<int> FilledLines)
{
    /// <summary>How many line numbers the report lists at most.</summary>
    public const int MaxListedLines = 10;

    /// <summary>A report of a file without empty cells.</summary>
    public static MissingCellsReport None { get; } = new(0, [], 0, []);

    /// <summary>True when no row was skipped and no cell filled.</summary>
    public bool IsEmpty => SkippedRowCount == 0 && FilledCellCount == 0;

    /// <summary>One sentence for a report, e.g. "1 row skipped for empty cells (line 2)".</summary>
    public override string ToString()
    {
        if (IsEmpty) return "no empty cells";
        var parts = new List<string>();
        if (SkippedRowCount > 0)
            parts.Add($"{SkippedRowCount:N0} row{(SkippedRowCount == 1 ? "" : "s")} skipped for empty cells ({Lines(SkippedLines, SkippedRowCount)})");
        if (FilledCellCount > 0)
            parts.Add($"{FilledCellCount:N0} empty cell{(FilledCellCount == 1 ? "" : "s")} filled from the previous day ({Lines(FilledLines, FilledCellCount)})");
        return string.Join("; ", parts);
    }

    private static string Lines(IReadOnlyList<int> lines, int total) =>
        (lines.Count == 1 ? "line " : "lines ") + string.Join(", ", lines) + (lines.Count >= MaxListedLines && total > lines.Count ? ", …" : "");
}
