namespace Recur.Data.Prices;

/// <summary>
/// Decides whether a file's numbers use a decimal comma. Only a <c>;</c>-separated file can (a comma-separated one would
/// split such numbers, unless quoted), and its cells say which: a number can have one decimal comma, or commas between
/// groups of three digits before a decimal point, and only a lone comma followed by three digits (<c>1,234</c>) fits both.
/// </summary>
internal static class DecimalSeparatorEvidence
{
    /// <summary>True when the numbers in the <paramref name="selected"/> columns are written with decimal commas.</summary>
    /// <exception cref="PriceFormatException">Every comma in the file could be either separator.</exception>
    /// <exception cref="DataFormatException">Some numbers use decimal commas and others thousands commas.</exception>
    public static bool DecimalComma(string path, IReadOnlyList<PriceCsvRecord> records, PriceHeader header, int[] selected, char delimiter, char? named)
    {
        if (named is char separator) return separator == ',';
        if (delimiter != ';') return false;
        (int Line, string Cell)? decimalComma = null, thousandsComma = null, either = null;
        for (int r = header.DataStart; r < records.Count; r++)
        {
            var record = records[r];
            if (record.IsComment || record.IsBlank) continue;
            foreach (int column in selected)
            {
                if (column >= record.Cells.Length) continue;
                string cell = record.Cells[column].Trim();
                switch (Reading(cell))
                {
                    case Separator.DecimalComma: decimalComma ??= (record.Line, cell); break;
                    case Separator.ThousandsComma: thousandsComma ??= (record.Line, cell); break;
                    case Separator.Either: either ??= (record.Line, cell); break;
                }
            }
        }
        if (decimalComma is { } d && thousandsComma is { } t)
            throw new DataFormatException(path, t.Line, null,
                $"the numbers mix two styles: '{d.Cell}' (line {d.Line}) has a decimal comma and '{t.Cell}' (line {t.Line}) commas between thousands.");
        if (decimalComma is not null) return true;
        if (thousandsComma is null && either is { } e)
            throw new PriceFormatException(path, e.Line, null,
                $"the number '{e.Cell}' is ambiguous in a ';'-separated file: it could have a decimal comma or a comma between thousands, " +
                "and no number in the file tells which", [PriceReadRemedy.NameDecimalSeparator]);
        return false;
    }

    private enum Separator { None, DecimalComma, ThousandsComma, Either }

    private static Separator Reading(string cell)
    {
        int comma = cell.IndexOf(',');
        if (comma < 0 || !PriceNumber.LooksNumeric(cell)) return Separator.None;
        if (cell.IndexOf(',', comma + 1) >= 0) return Separator.ThousandsComma;       // 1,000,000
        int dot = cell.IndexOf('.');
        if (dot >= 0) return dot < comma ? Separator.DecimalComma : Separator.ThousandsComma;   // 1.234,5 | 1,234.5
        int digits = 0;
        while (comma + 1 + digits < cell.Length && char.IsAsciiDigit(cell[comma + 1 + digits])) digits++;
        return digits == 3 ? Separator.Either : Separator.DecimalComma;              // 1,234 | 12,5
    }
}
