using Recur.Serialization;

namespace Recur.Data.Prices;

/// <summary>
/// The column names of a price file and where its data rows start: from the header row (one row, or yfinance's three),
/// from the user, or from the last comment line above a numeric first row (the course's GOOG file).
/// </summary>
/// <param name="SourceNames">The names as written (header cells, comment cells or the user's), trimmed.</param>
/// <param name="Names">The canonical names (<see cref="PriceColumnNames.Canonical"/>).</param>
/// <param name="Line">The line the names came from; null when the user gave them.</param>
/// <param name="DataStart">Index of the first record after the header (or of the first data record).</param>
internal sealed record PriceHeader(string[] SourceNames, string[] Names, int? Line, int DataStart)
{
    /// <summary>
    /// The records <see cref="Resolve"/> needs: those up to this many that are neither comments nor blank (yfinance's
    /// header has three rows); the records after them are data.
    /// </summary>
    public const int RowsLookedAt = 3;

    /// <summary>
    /// Finds the names in the file's first records (up to the <see cref="RowsLookedAt"/>-th that is neither a comment nor
    /// blank, or all of them); a file without rows is a <see cref="DataFormatException"/>, a numeric first row with no names
    /// anywhere a <see cref="PriceFormatException"/> asking for them.
    /// </summary>
    public static PriceHeader Resolve(string path, IReadOnlyList<PriceCsvRecord> records, IReadOnlyList<string>? userNames, List<string> warnings)
    {
        int first = -1;
        for (int i = 0; i < records.Count && first < 0; i++)
            if (!records[i].IsComment && !records[i].IsBlank) first = i;
        if (first < 0)
            throw new DataFormatException(path, null, null, (records.Any(r => r.IsComment) ? "the file holds only comment lines" : "the file is empty") +
                "; expected a header row (for example Date,Open,High,Low,Close,Volume) and one row per trading day.");
        var firstRecord = records[first];
        bool firstIsHeader = LooksLikeHeader(firstRecord.Cells);

        if (userNames is not null)
        {
            if (userNames.Count == 0 || userNames.Any(string.IsNullOrWhiteSpace))
                throw new ArgumentException("ColumnNames must name every column with a non-blank name.", nameof(userNames));
            if (firstIsHeader)
                warnings.Add($"line {firstRecord.Line} looks like a header ({string.Join(", ", firstRecord.Cells.Select(c => c.Trim()))}); " +
                    "it was skipped and the column names given were used instead.");
            return Create(path, userNames.Select(n => n.Trim()).ToArray(), null, firstIsHeader ? first + 1 : first);
        }
        if (YahooHeader.TryResolve(path, records, first, warnings) is { } yahoo)
            return yahoo;
        if (firstIsHeader)
            return Create(path, firstRecord.Cells.Select(c => c.Trim()).ToArray(), firstRecord.Line, first + 1);

        for (int i = first - 1; i >= 0; i--)
        {
            if (!records[i].IsComment) continue;
            var cells = records[i].CommentCells().Select(c => c.Trim()).ToArray();
            if (cells.Length == firstRecord.Cells.Length && cells.All(c => c.Length > 0) && LooksLikeHeader(cells))
            {
                warnings.Add($"the file has no header row; the column names ({string.Join(", ", cells)}) were taken from the comment on line {records[i].Line}.");
                return Create(path, cells, records[i].Line, first);
            }
            break;   // only the comment right above the data can be a header
        }
        throw new PriceFormatException(path, firstRecord.Line, null,
            $"the file has no header row (line {firstRecord.Line} is data: '{string.Join(",", firstRecord.Cells)}')", [PriceReadRemedy.NameColumns]);
    }

    /// <summary>A header has at least one non-empty cell and no cell that reads as a number or a date.</summary>
    private static bool LooksLikeHeader(string[] cells) =>
        cells.Any(c => !PriceNumber.IsMissing(c)) &&
        cells.All(c => PriceNumber.IsMissing(c) || (!PriceNumber.LooksNumeric(c) && !PriceDate.LooksLikeDate(c)));

    /// <summary>The header of <paramref name="sourceNames"/>; two names that mean the same column are an error.</summary>
    internal static PriceHeader Create(string path, string[] sourceNames, int? line, int dataStart)
    {
        for (int i = 0; i < sourceNames.Length; i++)
            if (sourceNames[i].Length == 0) sourceNames[i] = $"Column{i + 1}";
        var names = sourceNames.Select(PriceColumnNames.Canonical).ToArray();
        // One pass with a set, not every pair: a line of a million cells is checked in linear time.
        var firstColumn = new Dictionary<string, int>(names.Length, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < names.Length; i++)
            if (!firstColumn.TryAdd(names[i], i))
            {
                int j = firstColumn[names[i]];
                throw new DataFormatException(path, line, i + 1,
                    $"columns {j + 1} ('{QuotedText.Cap(sourceNames[j])}') and {i + 1} ('{QuotedText.Cap(sourceNames[i])}') both mean '{QuotedText.Cap(names[i])}'; a price file needs one of each.");
            }
        return new PriceHeader(sourceNames, names, line, dataStart);
    }
}
