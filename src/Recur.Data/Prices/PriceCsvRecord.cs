namespace Recur.Data.Prices;

/// <summary>One record of a price file: its 1-based line, its cells as written (unquoted), and whether it is a comment.</summary>
internal sealed record PriceCsvRecord(int Line, string[] Cells, bool IsComment) : IPriceRecord
{
    /// <summary>A blank line: one empty (or blank) cell.</summary>
    public bool IsBlank => Cells.Length <= 1 && (Cells.Length == 0 || Cells[0].Trim().Length == 0);

    /// <inheritdoc/>
    public int CellCount => Cells.Length;

    /// <inheritdoc/>
    public ReadOnlySpan<char> Cell(int column) => Cells[column];

    /// <summary>A comment's cells with the leading <c>#</c> and spaces removed from the first: <c># Open,High</c> gives Open, High.</summary>
    public string[] CommentCells()
    {
        var cells = (string[])Cells.Clone();
        if (cells.Length > 0) cells[0] = cells[0].TrimStart().TrimStart('#').TrimStart();
        return cells;
    }
}
