using System.Globalization;
using Sylvan.Data.Csv;

namespace Recur.Data.Text;

/// <summary>
/// Reads a labelled CSV or TSV file (RFC 4180 quoting, parsed by Sylvan.Data.Csv): the text and the label come
/// from the columns <see cref="DelimitedTextOptions"/> names. Kaggle's <c>spam.csv</c> is read with
/// <c>TextColumn = "v2"</c>, <c>LabelColumn = "v1"</c>, <c>Encoding = TextEncodings.Windows1252</c>.
/// </summary>
public static class DelimitedTextReader
{
    /// <summary>
    /// Reads the file. Texts are trimmed; rows with an empty text are left out and listed in
    /// <see cref="LabelledTexts.DroppedEmptyLines"/>; blank lines are skipped and counted. A missing column, an empty or
    /// unexpected label, or malformed quoting is a <see cref="DataFormatException"/> naming the line and column.
    /// </summary>
    public static LabelledTexts Read(string path, DelimitedTextOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.HasHeader && (options.TextColumn.Name is not null || options.LabelColumn.Name is not null))
            throw new ArgumentException("DelimitedTextReader: a file without a header can only choose columns by index.", nameof(options));
        char delimiter = options.Delimiter ?? DelimiterFor(path);
        string text = TextFile.ReadAllText(path, options.Encoding ?? TextEncodings.Utf8);
        RequireCellsWithinLimit(path, text, delimiter);

        var csvOptions = new CsvDataReaderOptions
        {
            HasHeaders = false, // the header is read here, so its line is counted like any other
            Delimiter = delimiter,
            Comment = '\0',     // '#' starts hashtags, not comments, in text data
            CsvStyle = CsvStyle.Standard,
            MaxBufferSize = 1 << 26,
        };
        var rows = new List<(int Line, string Text, string Label)>();
        int textIndex = options.TextColumn.Index, labelIndex = options.LabelColumn.Index;
        int blankLines = 0, rowsWithCellsAfterText = 0, firstRowWithCellsAfterText = 0, line = 1;
        bool atHeader = options.HasHeader;
        using (var csv = CsvDataReader.Create(new StringReader(text), csvOptions))
        {
            while (true)
            {
                try
                {
                    if (!csv.Read()) break;
                }
                catch (CsvFormatException e)
                {
                    throw new DataFormatException(path, line, e.FieldOrdinal + 1, $"malformed CSV quoting: {e.Message}", e);
                }
                int recordLine = line;
                line += TextFile.LineBreaks(csv.GetRawRecordSpan());
                if (csv.RowFieldCount <= 1 && csv.GetString(0).Trim().Length == 0)
                {
                    blankLines++;
                    continue;
                }
                if (atHeader)
                {
                    var names = Enumerable.Range(0, csv.RowFieldCount).Select(i => csv.GetString(i).Trim()).ToArray();
                    textIndex = Resolve(options.TextColumn, names, path);
                    labelIndex = Resolve(options.LabelColumn, names, path);
                    atHeader = false;
                    continue;
                }
                string rowText = Cell(csv, textIndex, options.TextColumn, recordLine, path);
                string label = Cell(csv, labelIndex, options.LabelColumn, recordLine, path).Trim();
                if (label.Length == 0)
                    throw new DataFormatException(path, recordLine, labelIndex + 1, $"the label cell ({options.LabelColumn}) is empty.");
                var after = Enumerable.Range(textIndex + 1, Math.Max(0, csv.RowFieldCount - textIndex - 1))
                    .Where(i => i != labelIndex).Select(csv.GetString).Where(cell => cell.Length > 0).ToList();
                if (after.Count > 0)
                {
                    if (options.JoinCellsAfterText) rowText = string.Join(delimiter, after.Prepend(rowText));
                    else if (rowsWithCellsAfterText++ == 0) firstRowWithCellsAfterText = recordLine;
                }
                rows.Add((recordLine, rowText, label));
            }
        }

        if (atHeader || rows.Count == 0)
            throw new DataFormatException(path, null, null,
                $"the file holds no rows; expected {(options.HasHeader ? "a header and " : "")}rows with {options.TextColumn} and {options.LabelColumn}.");
        var classNames = options.ClassNames ?? DiscoverClasses(rows.Select(r => r.Label));
        var builder = new LabelledTextsBuilder(path);
        for (int i = 0; i < blankLines; i++) builder.SkipBlank();
        foreach (var row in rows)
            builder.Add(row.Text, builder.ClassOf(row.Label, classNames, row.Line, labelIndex + 1), row.Line);
        if (rowsWithCellsAfterText > 0)
            builder.Note($"{rowsWithCellsAfterText:N0} rows (the first at line {firstRowWithCellsAfterText}) have non-empty cells after " +
                $"the text column that were not read; set JoinCellsAfterText to append them to the text.");
        return builder.Build(classNames, "rows with a text and a label");
    }

    private static char DelimiterFor(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".tsv" or ".tab" or ".txt" ? '\t' : ',';

    private static int Resolve(ColumnReference column, string[] names, string path)
    {
        if (column.Name is null)
        {
            if (column.Index >= names.Length)
                throw new DataFormatException(path, 1, null,
                    $"{column} was asked for but the header has {names.Length} columns: {Listing(names)}.");
            return column.Index;
        }
        int exact = Array.IndexOf(names, column.Name.Trim());
        if (exact >= 0) return exact;
        var loose = names.Select((n, i) => (n, i)).Where(p => string.Equals(p.n, column.Name.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (loose.Count == 1) return loose[0].i;
        throw new DataFormatException(path, 1, null, $"no {column} in the header; it has: {Listing(names)}.");
    }

    private static string Listing(string[] names) =>
        string.Join(", ", names.Select(n => n.Length == 0 ? "(unnamed)" : $"'{n}'"));

    /// <summary>
    /// The most cells a line may have. Far above any labelled-text file's columns, and a bound the CSV parser needs: its
    /// time grows with the square of a line's cells (1 M cells took minutes).
    /// </summary>
    public const int MaxCells = 10_000;

    /// <summary>
    /// Refuses a record with more than <see cref="MaxCells"/> cells, in one linear pass before parsing. Delimiters inside
    /// quotes are text, not cells: a review full of commas is fine.
    /// </summary>
    private static void RequireCellsWithinLimit(string path, string text, char delimiter)
    {
        int line = 1, recordLine = 1, cells = 1;
        bool quoted = false;
        foreach (char c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (c == '\n')
            {
                line++;
                if (!quoted) (recordLine, cells) = (line, 1);
            }
            else if (c == delimiter && !quoted && ++cells > MaxCells)
                throw new DataFormatException(path, recordLine, null,
                    $"the line has more than {MaxCells:N0} cells; a file of labelled texts has far fewer columns (is the delimiter '{(delimiter == '\t' ? "\\t" : delimiter.ToString())}' right?).");
        }
    }

    private static string Cell(CsvDataReader csv, int index, ColumnReference column, int line, string path)
    {
        if (index >= csv.RowFieldCount)
            throw new DataFormatException(path, line, null,
                $"the row has {csv.RowFieldCount} field(s) but {column} is field {index + 1}.");
        return csv.GetString(index);
    }

    private static string[] DiscoverClasses(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        bool numeric = distinct.All(l => long.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        return numeric
            ? distinct.OrderBy(l => long.Parse(l, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray()
            : distinct.OrderBy(l => l, StringComparer.Ordinal).ToArray();
    }
}
