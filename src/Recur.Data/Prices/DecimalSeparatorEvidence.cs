namespace Recur.Data.Prices;

/// <summary>
/// Decides whether a file's numbers use a decimal comma. Only a <c>;</c>-separated file can (a comma-separated one would
/// split such numbers, unless quoted), and its cells say which: a number can have one decimal comma, or commas between
/// groups of three digits before a decimal point, and only a lone comma followed by three digits (<c>1,234</c>) fits both.
/// </summary>
internal sealed class DecimalSeparatorEvidence
{
    private readonly int[] _selected;
    private readonly bool _decided;
    private readonly bool _named;
    private (int Line, string Cell)? _decimalComma, _thousandsComma, _either;

    /// <summary>
    /// Evidence from the <paramref name="selected"/> columns of a file with <paramref name="delimiter"/>; none is needed
    /// when the separator is <paramref name="named"/> or the file is not <c>;</c>-separated.
    /// </summary>
    public DecimalSeparatorEvidence(int[] selected, char delimiter, char? named)
    {
        _selected = selected;
        _decided = named is not null || delimiter != ';';
        _named = named == ',';
    }

    /// <summary>Reads the selected cells of the current data record (comments and blank lines are passed over).</summary>
    public void Observe(IPriceRecord record)
    {
        if (_decided || record.IsComment || record.IsBlank) return;
        foreach (int column in _selected)
        {
            if (column >= record.CellCount) continue;
            var cell = record.Cell(column).Trim();
            // Only the first of each kind is kept (for the messages), as a string.
            switch (Reading(cell))
            {
                case Separator.DecimalComma: _decimalComma ??= (record.Line, cell.ToString()); break;
                case Separator.ThousandsComma: _thousandsComma ??= (record.Line, cell.ToString()); break;
                case Separator.Either: _either ??= (record.Line, cell.ToString()); break;
            }
        }
    }

    /// <summary>True when the numbers in the selected columns are written with decimal commas.</summary>
    /// <exception cref="PriceFormatException">Every comma in the file could be either separator.</exception>
    /// <exception cref="DataFormatException">Some numbers use decimal commas and others thousands commas.</exception>
    public bool DecimalComma(string path)
    {
        if (_decided) return _named;
        if (_decimalComma is { } d && _thousandsComma is { } t)
            throw new DataFormatException(path, t.Line, null,
                $"the numbers mix two styles: '{d.Cell}' (line {d.Line}) has a decimal comma and '{t.Cell}' (line {t.Line}) commas between thousands.");
        if (_decimalComma is not null) return true;
        if (_thousandsComma is null && _either is { } e)
            throw new PriceFormatException(path, e.Line, null,
                $"the number '{e.Cell}' is ambiguous in a ';'-separated file: it could have a decimal comma or a comma between thousands, " +
                "and no number in the file tells which", [PriceReadRemedy.NameDecimalSeparator]);
        return false;
    }

    private enum Separator { None, DecimalComma, ThousandsComma, Either }

    private static Separator Reading(ReadOnlySpan<char> cell)
    {
        int comma = cell.IndexOf(',');
        if (comma < 0 || !PriceNumber.LooksNumeric(cell)) return Separator.None;
        if (cell[(comma + 1)..].Contains(',')) return Separator.ThousandsComma;       // 1,000,000
        int dot = cell.IndexOf('.');
        if (dot >= 0) return dot < comma ? Separator.DecimalComma : Separator.ThousandsComma;   // 1.234,5 | 1,234.5
        int digits = 0;
        while (comma + 1 + digits < cell.Length && char.IsAsciiDigit(cell[comma + 1 + digits])) digits++;
        return digits == 3 ? Separator.Either : Separator.DecimalComma;              // 1,234 | 12,5
    }
}
