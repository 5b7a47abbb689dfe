namespace Recur.Data.Prices;

/// <summary>
/// What one pass over a price file's text finds line by line, fed a block at a time: the delimiter (when not named, the
/// most frequent of ',', '\t', ';' outside quotes in the first line that is not blank or a comment, comma when none
/// occurs) and the first line with more than <see cref="PriceCsvRecords.MaxColumns"/> cells for each candidate
/// delimiter, so the limit can be checked before any parsing. Lines end as <see cref="MemoryExtensions.EnumerateLines(ReadOnlySpan{char})"/>
/// ends them.
/// </summary>
internal sealed class PriceLineScan
{
    private static readonly char[] Candidates = [',', '\t', ';'];

    private readonly char? _named;
    private readonly char[] _counted;
    private readonly int[] _cells;                         // delimiters on the current line, per counted character
    private readonly (int Line, int Cells)[] _firstTooWide;  // per counted character; Line 0 when none
    private int _line = 1;
    private bool _afterCarriageReturn;

    // Delimiter detection on the current line, until a line decides it.
    private char? _detected;
    private readonly int[] _outsideQuotes = new int[3];
    private bool _quoted, _seenText, _comment;

    /// <summary>A scan for <paramref name="delimiter"/>, or detecting it when null.</summary>
    public PriceLineScan(char? delimiter)
    {
        _named = delimiter;
        _counted = delimiter is char d ? [d] : Candidates;
        _cells = new int[_counted.Length];
        _firstTooWide = new (int, int)[_counted.Length];
    }

    /// <summary>The delimiter named, or else detected (comma when no line decided it).</summary>
    public char Delimiter => _named ?? _detected ?? ',';

    /// <summary>Scans the next characters of the text.</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c == '\n' && _afterCarriageReturn)
            {
                _afterCarriageReturn = false;   // the \n of \r\n: the line has ended already
                continue;
            }
            _afterCarriageReturn = c == '\r';
            if (c is '\r' or '\n' or '\f' or '\u0085' or '\u2028' or '\u2029')
            {
                EndLine();
                continue;
            }
            for (int i = 0; i < _counted.Length; i++)
                if (c == _counted[i]) _cells[i]++;
            if (_named is null && _detected is null) Detect(c);
        }
    }

    /// <summary>Ends the scan: the last line, with or without a line break after it.</summary>
    public void End() => EndLine();

    /// <summary>
    /// Refuses a line with more than <see cref="PriceCsvRecords.MaxColumns"/> delimiters (the first such line).
    /// Delimiters inside quotes count too: a line that only a quoted cell made that wide is no price file either.
    /// </summary>
    public void RequireColumnsWithinLimit(string path, char delimiter)
    {
        int i = Array.IndexOf(_counted, delimiter);
        if (i < 0) throw new InvalidOperationException($"the scan did not count '{delimiter}'.");
        if (_firstTooWide[i] is { Line: > 0 } wide)
            throw new DataFormatException(path, wide.Line, null,
                $"the line has {wide.Cells:N0} cells; a price file has at most {PriceCsvRecords.MaxColumns:N0} columns (is the delimiter '{delimiter}' right?).");
    }

    private void Detect(char c)
    {
        if (!_seenText && !char.IsWhiteSpace(c))
        {
            _seenText = true;
            _comment = c == '#';
        }
        if (c == '"') _quoted = !_quoted;
        else if (!_quoted && Array.IndexOf(Candidates, c) is int k and >= 0) _outsideQuotes[k]++;
    }

    private void EndLine()
    {
        for (int i = 0; i < _counted.Length; i++)
        {
            if (_cells[i] + 1 > PriceCsvRecords.MaxColumns && _firstTooWide[i].Line == 0) _firstTooWide[i] = (_line, _cells[i] + 1);
            _cells[i] = 0;
        }
        if (_named is null && _detected is null && _seenText && !_comment)
        {
            int commas = _outsideQuotes[0], tabs = _outsideQuotes[1], semicolons = _outsideQuotes[2];
            _detected = tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas && semicolons > tabs ? ';' : ',';
        }
        Array.Clear(_outsideQuotes);
        _quoted = _seenText = _comment = false;
        _line++;
    }
}
