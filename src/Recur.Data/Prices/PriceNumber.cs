using System.Globalization;

namespace Recur.Data.Prices;

/// <summary>
/// Parses one numeric cell as price exports write it: surrounding spaces (investing.com's <c>"76,800 "</c>), thousands
/// separators in groups of three, a trailing <c>%</c> (the number is kept in percent: <c>-1.23%</c> is -1.23),
/// a volume suffix <c>K</c>/<c>M</c>/<c>B</c> (×10³/10⁶/10⁹, as investing.com's English export writes <c>12.34M</c>),
/// scientific notation (<c>9.5318E+11</c>), a Unicode minus. The decimal separator is '.' with ',' between thousands,
/// or, in a file written with decimal commas, ',' with '.' between thousands (<c>1.234,56</c>).
/// </summary>
/// <remarks>
/// Cells are read as spans and edited in a stack buffer, so parsing a file's cells allocates nothing per cell.
/// </remarks>
internal static class PriceNumber
{
    // Longer cells (no price is) are copied to the heap; the result is the same.
    private const int StackLimit = 128;

    /// <summary>True for a cell that means "no value": empty, blank, or a lone dash.</summary>
    public static bool IsMissing(ReadOnlySpan<char> cell)
    {
        var t = cell.Trim();
        return t.Length == 0 || t is "-" or "—" or "–";
    }

    /// <summary>True when the cell reads as a number with either decimal separator (a header cell never does).</summary>
    public static bool LooksNumeric(ReadOnlySpan<char> cell) => TryParse(cell, out _) || TryParse(cell, out _, decimalComma: true);

    /// <summary>
    /// Parses a non-missing cell; false when it is not a finite number (NaN and infinities are refused).
    /// <paramref name="decimalComma"/>: the decimal separator is ',' and '.' separates thousands.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> cell, out double value, bool decimalComma = false)
    {
        var trimmed = cell.Trim();
        Span<char> buffer = trimmed.Length <= StackLimit ? stackalloc char[StackLimit] : new char[trimmed.Length];
        var t = buffer[..trimmed.Length];
        trimmed.CopyTo(t);
        t.Replace('\u2212', '-');
        return TryParseEdited(t, out value, decimalComma);
    }

    // The steps on a trimmed copy of the cell that the method may edit in place.
    private static bool TryParseEdited(Span<char> t, out double value, bool decimalComma)
    {
        value = double.NaN;
        double factor = 1;
        if (t.EndsWith('%')) t = t[..^1].TrimEnd();
        else if (t.Length > 1 && char.IsDigit(t[^2]) && char.ToUpperInvariant(t[^1]) is 'K' or 'M' or 'B')
        {
            factor = char.ToUpperInvariant(t[^1]) switch { 'K' => 1e3, 'M' => 1e6, _ => 1e9 };
            t = t[..^1];
        }
        char thousands = decimalComma ? '.' : ',', point = decimalComma ? ',' : '.';
        if (t.Contains(thousands) && !TryRemoveThousandsSeparators(ref t, thousands, point)) return false;
        if (decimalComma) t.Replace(',', '.');
        if (t.Length == 0 || !(char.IsDigit(t[0]) || t[0] is '-' or '+' or '.')) return false;   // refuses "NaN", "Infinity"
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) || !double.IsFinite(parsed))
            return false;
        value = parsed * factor;
        return double.IsFinite(value);
    }

    // "1,234,567.5" -> "1234567.5" (or "1.234.567,5" -> "1234567,5"); "1,23" or "12,3456" are not thousands groups.
    // Checks every group first, then removes the separators in place.
    private static bool TryRemoveThousandsSeparators(ref Span<char> text, char thousands, char point)
    {
        int sign = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        int dot = text.IndexOf(point);
        var integer = dot < 0 ? text[sign..] : text[sign..dot];
        int group = 0, groups = 0;
        foreach (char c in integer)
        {
            if (c != thousands)
            {
                group++;
                continue;
            }
            if (groups == 0 ? group is < 1 or > 3 : group != 3) return false;
            groups++;
            group = 0;
        }
        if (groups == 0 ? group is < 1 or > 3 : group != 3) return false;
        if (dot >= 0 && text[dot..].Contains(thousands)) return false;
        int length = sign;
        for (int i = sign; i < text.Length; i++)
            if (text[i] != thousands || (dot >= 0 && i > dot)) text[length++] = text[i];
        text = text[..length];
        return true;
    }
}
