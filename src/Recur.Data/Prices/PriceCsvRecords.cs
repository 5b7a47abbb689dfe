using Sylvan.Data.Csv;
using Recur.Data.Text;

namespace Recur.Data.Prices;

/// <summary>Splits a price file's text into records with Sylvan.Data.Csv (RFC 4180 quoting), keeping line numbers.</summary>
internal static class PriceCsvRecords
{
    /// <summary>
    /// Every record of the text, comments (<c>#</c> first) and blank lines included, each with the line it starts on.
    /// Malformed quoting is a <see cref="DataFormatException"/> naming the line, and so is a line of more than
    /// <see cref="MaxColumns"/> cells.
    /// </summary>
    public static List<PriceCsvRecord> Read(string path, string text, char delimiter)
    {
        RequireColumnsWithinLimit(path, text, delimiter);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,   // the header is found here (it may be a comment line, or absent)
            Delimiter = delimiter,
            Comment = '\0',       // comments are kept as records: the GOOG file names its columns in one
            CsvStyle = CsvStyle.Standard,
            MaxBufferSize = 1 << 24,
        };
        var records = new List<PriceCsvRecord>();
        int line = 1;
        using var csv = CsvDataReader.Create(new StringReader(text), options);
        while (true)
        {
            try
            {
                if (!csv.Read()) break;
            }
            catch (CsvFormatException e)
            {
                throw new DataFormatException(path, line, e.FieldOrdinal >= 0 ? e.FieldOrdinal + 1 : null,
                    $"malformed CSV quoting ({e.Message}); a quoted cell must be quoted whole, e.g. \"76,800 \".", e);
            }
            var raw = csv.GetRawRecordSpan();
            var cells = new string[csv.RowFieldCount];
            for (int i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i);
            bool comment = raw.TrimStart().StartsWith("#", StringComparison.Ordinal);
            // A quote in a comment (# a,"b) opens a quoted cell that would swallow the data lines after it unseen.
            if (comment && TextFile.LineBreaks(raw.TrimEnd("\r\n")) > 0)
                throw new DataFormatException(path, line, null,
                    "a '\"' in this comment line opens a quoted cell that runs onto the next lines; remove the quote or quote the comment's cell whole.");
            records.Add(new PriceCsvRecord(line, cells, comment));
            line += TextFile.LineBreaks(raw);
        }
        return records;
    }

    /// <summary>
    /// The most cells a line of a price file may have. Far above any price file's columns, and a bound the CSV parser
    /// needs: its time grows with the square of a line's cells (100 k cells took seconds, 1 M cells minutes).
    /// </summary>
    public const int MaxColumns = 10_000;

    /// <summary>
    /// Refuses a line with more than <see cref="MaxColumns"/> delimiters, in one linear pass before parsing. Delimiters
    /// inside quotes count too: a line that only a quoted cell made that wide is no price file either.
    /// </summary>
    private static void RequireColumnsWithinLimit(string path, string text, char delimiter)
    {
        int line = 1;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            int cells = rawLine.Count(delimiter) + 1;
            if (cells > MaxColumns)
                throw new DataFormatException(path, line, null,
                    $"the line has {cells:N0} cells; a price file has at most {MaxColumns:N0} columns (is the delimiter '{delimiter}' right?).");
            line++;
        }
    }

    /// <summary>
    /// The delimiter of the first line that is not blank or a comment: the most frequent of ',', '\t', ';' outside quotes,
    /// comma when none occurs.
    /// </summary>
    public static char DetectDelimiter(string text)
    {
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            int commas = 0, tabs = 0, semicolons = 0;
            bool quoted = false;
            foreach (char c in rawLine)
            {
                if (c == '"') quoted = !quoted;
                else if (!quoted && c == ',') commas++;
                else if (!quoted && c == '\t') tabs++;
                else if (!quoted && c == ';') semicolons++;
            }
            if (tabs > commas && tabs >= semicolons) return '\t';
            if (semicolons > commas && semicolons > tabs) return ';';
            return ',';
        }
        return ',';
    }
}
