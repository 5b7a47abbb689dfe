namespace Recur.Data.Prices;

/// <summary>
/// The header of a CSV written by current yfinance (<c>download(…).to_csv()</c>), three rows instead of one: the field
/// names after <c>Price</c>, the ticker of each column after <c>Ticker</c>, and a row holding only <c>Date</c>, the name
/// of the index column whose dates fill the first column of the data rows.
/// </summary>
/// <example>
/// <code>
/// Price,Close,High,Low,Open,Volume
/// Ticker,GOOG,GOOG,GOOG,GOOG,GOOG
/// Date,,,,,
/// 2024-01-02,139.56,140.61,137.74,138.55,20071900
/// </code>
/// </example>
internal static class YahooHeader
{
    /// <summary>
    /// The header when the file's first rows (from record <paramref name="first"/>) are yfinance's three; null otherwise.
    /// A file with several tickers is refused: its columns would repeat the same names.
    /// </summary>
    public static PriceHeader? TryResolve(string path, IReadOnlyList<PriceCsvRecord> records, int first, List<string> warnings)
    {
        var rows = new List<int>(3);
        for (int i = first; i < records.Count && rows.Count < 3; i++)
            if (!records[i].IsComment && !records[i].IsBlank) rows.Add(i);
        if (rows.Count < 3) return null;
        var (fields, tickers, index) = (records[rows[0]], records[rows[1]], records[rows[2]]);
        if (!Is(fields.Cells[0], "Price") || !Is(tickers.Cells[0], "Ticker") || !Is(index.Cells[0], "Date")
            || index.Cells.Skip(1).Any(c => c.Trim().Length > 0))
            return null;
        if (tickers.Cells.Length != fields.Cells.Length)
            throw new DataFormatException(path, tickers.Line, null,
                $"the Ticker row has {tickers.Cells.Length} cells but the Price row above it names {fields.Cells.Length} columns.");
        var symbols = tickers.Cells.Skip(1).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (symbols.Length > 1)
            throw new DataFormatException(path, tickers.Line, null,
                $"the file holds {symbols.Length} tickers ({string.Join(", ", symbols)}); a price series is one ticker: download or save each ticker to its own file.");
        warnings.Add($"the file is in yfinance's layout (header rows Price, Ticker and Date on lines {fields.Line}–{index.Line})" +
            (symbols.Length == 1 ? $"; ticker {symbols[0]}." : "."));
        var names = new[] { PriceColumnNames.Date }.Concat(fields.Cells.Skip(1).Select(c => c.Trim())).ToArray();
        return PriceHeader.Create(path, names, fields.Line, rows[2] + 1);
    }

    private static bool Is(string cell, string word) => string.Equals(cell.Trim().Trim('\uFEFF').Trim(), word, StringComparison.OrdinalIgnoreCase);
}
