using System.Text;
using Sylvan.Data.Csv;
using Recur.Data.Text;

namespace Recur.Data.Prices;

/// <summary>
/// The records of a price file's text, one at a time, split with Sylvan.Data.Csv (RFC 4180 quoting): comments (<c>#</c>
/// first) and blank lines included, each with the line it starts on and its index among the records. A record's cells are
/// read as spans of the parser's buffer, valid until the next <see cref="MoveNext"/>; <see cref="ToRecord"/> copies one.
/// </summary>
internal sealed class PriceCsvRecords : IPriceRecord, IDisposable
{
    /// <summary>
    /// The most cells a line of a price file may have. Far above any price file's columns, and a bound the CSV parser
    /// needs: its time grows with the square of a line's cells (100 k cells took seconds, 1 M cells minutes).
    /// <see cref="PriceLineScan"/> checks it before parsing.
    /// </summary>
    public const int MaxColumns = 10_000;

    private readonly string _path;
    private readonly TextReader _reader;
    private readonly CsvDataReader _csv;
    private int _nextLine = 1;

    /// <summary>Parses <paramref name="text"/> (which the records own and dispose) with <paramref name="delimiter"/>.</summary>
    public PriceCsvRecords(string path, TextReader text, char delimiter)
    {
        _path = path;
        _reader = text;
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,   // the header is found here (it may be a comment line, or absent)
            Delimiter = delimiter,
            Comment = '\0',       // comments are kept as records: the GOOG file names its columns in one
            CsvStyle = CsvStyle.Standard,
            MaxBufferSize = 1 << 24,
        };
        _csv = CsvDataReader.Create(text, options);
    }

    /// <summary>The 1-based line the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>The current record's 0-based index among all records (comments and blank lines included).</summary>
    public int Index { get; private set; } = -1;

    /// <summary>The current record's number of cells.</summary>
    public int CellCount => _csv.RowFieldCount;

    /// <summary>True when the current record is a comment (its first non-blank character is <c>#</c>).</summary>
    public bool IsComment { get; private set; }

    /// <summary>A blank line: one empty (or blank) cell.</summary>
    public bool IsBlank => CellCount <= 1 && (CellCount == 0 || Cell(0).Trim().Length == 0);

    /// <summary>Cell <paramref name="column"/> of the current record as written (unquoted).</summary>
    public ReadOnlySpan<char> Cell(int column) => _csv.GetFieldSpan(column);

    /// <summary>
    /// Moves to the next record; false at the end. Malformed quoting is a <see cref="DataFormatException"/> naming the
    /// line, and so is a quote in a comment that runs onto the next lines.
    /// </summary>
    public bool MoveNext()
    {
        Line = _nextLine;
        try
        {
            if (!_csv.Read()) return false;
        }
        catch (CsvFormatException e)
        {
            throw new DataFormatException(_path, Line, e.FieldOrdinal >= 0 ? e.FieldOrdinal + 1 : null,
                $"malformed CSV quoting ({e.Message}); a quoted cell must be quoted whole, e.g. \"76,800 \".", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException(_path, Line, null, "the file changed while it was read (it no longer decodes); read it again.", e);
        }
        Index++;
        var raw = _csv.GetRawRecordSpan();
        IsComment = raw.TrimStart().StartsWith("#", StringComparison.Ordinal);
        // A quote in a comment (# a,"b) opens a quoted cell that would swallow the data lines after it unseen.
        if (IsComment && TextFile.LineBreaks(raw.TrimEnd("\r\n")) > 0)
            throw new DataFormatException(_path, Line, null,
                "a '\"' in this comment line opens a quoted cell that runs onto the next lines; remove the quote or quote the comment's cell whole.");
        _nextLine += TextFile.LineBreaks(raw);
        return true;
    }

    /// <summary>A copy of the current record, its cells as strings.</summary>
    public PriceCsvRecord ToRecord()
    {
        var cells = new string[CellCount];
        for (int i = 0; i < cells.Length; i++) cells[i] = _csv.GetString(i);
        return new PriceCsvRecord(Line, cells, IsComment);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _csv.Dispose();
        _reader.Dispose();
    }
}
