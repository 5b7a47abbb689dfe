namespace Recur.Data.Prices;

/// <summary>
/// The order of the rows of a price file that has no date column: the file itself cannot tell, so the caller states it
/// (<see cref="PriceSeriesOptions.DatelessOrder"/>). Files with dates are sorted by date and ignore it.
/// </summary>
public enum DatelessRowOrder
{
    /// <summary>
    /// Not stated (the default): reading a file without dates fails with a <see cref="PriceFormatException"/> whose
    /// remedy is <see cref="PriceReadRemedy.StateDatelessOrder"/>, rather than guess which end is the latest day.
    /// </summary>
    Unspecified,

    /// <summary>The first data row is the oldest day; rows are kept in file order (<see cref="RowOrdering.FileOrder"/>).</summary>
    OldestFirst,

    /// <summary>
    /// The first data row is the newest day, as in the course's GOOG file; rows are reversed to oldest first
    /// (<see cref="RowOrdering.FileOrderReversed"/>), as the course's <c>xy[::-1]</c> does.
    /// </summary>
    NewestFirst,
}
