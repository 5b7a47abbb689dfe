namespace Recur.Data.Prices;

/// <summary>
/// One record of a price file as the layout detection reads it: a copy (<see cref="PriceCsvRecord"/>, for the first
/// records the header is found in) or the parser's current record (<see cref="PriceCsvRecords"/>, for the rest).
/// </summary>
internal interface IPriceRecord
{
    /// <summary>The 1-based line the record starts on.</summary>
    int Line { get; }

    /// <summary>True when the record is a comment (its first non-blank character is <c>#</c>).</summary>
    bool IsComment { get; }

    /// <summary>A blank line: one empty (or blank) cell.</summary>
    bool IsBlank { get; }

    /// <summary>The number of cells.</summary>
    int CellCount { get; }

    /// <summary>Cell <paramref name="column"/> as written (unquoted).</summary>
    ReadOnlySpan<char> Cell(int column);
}
