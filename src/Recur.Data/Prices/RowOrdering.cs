namespace Recur.Data.Prices;

/// <summary>How the rows of a <see cref="PriceSeries"/> relate to the order of the lines in its file.</summary>
public enum RowOrdering
{
    /// <summary>The file was already oldest first; rows are in file order.</summary>
    OldestFirst,

    /// <summary>The file was newest first (KRX and investing.com exports); rows were reversed to oldest first.</summary>
    ReversedFromNewestFirst,

    /// <summary>The file's dates were in no consistent order; rows were sorted by date.</summary>
    SortedByDate,

    /// <summary>
    /// The file has no date column and was stated to run oldest first (<see cref="DatelessRowOrder.OldestFirst"/>):
    /// rows are in file order.
    /// </summary>
    FileOrder,

    /// <summary>
    /// The file has no date column and was stated to run newest first (<see cref="DatelessRowOrder.NewestFirst"/>):
    /// rows are in reverse file order, oldest first.
    /// </summary>
    FileOrderReversed,
}
