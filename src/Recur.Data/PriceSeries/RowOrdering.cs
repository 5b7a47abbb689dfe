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
    /// The file has no date column, so rows are kept in file order, which may be newest first (the course's GOOG file
    /// is). <see cref="PriceSeries.Warnings"/> says so.
    /// </summary>
    FileOrder,

    /// <summary>
    /// The file has no date column and <see cref="PriceSeriesOptions.ReverseRowsWithoutDates"/> was set: rows are in
    /// reverse file order (oldest first for a newest-first file).
    /// </summary>
    FileOrderReversed,
}
