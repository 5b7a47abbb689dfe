namespace Recur.Data.Prices;

/// <summary>What <see cref="PriceSeriesReader"/> does with an empty cell (or a lone <c>-</c>) in a column it reads.</summary>
public enum MissingValuePolicy
{
    /// <summary>Fail with a <see cref="PriceFormatException"/> naming the file, line and column (the default).</summary>
    Error,

    /// <summary>Leave the row out; <see cref="PriceSeries.Missing"/> counts such rows and lists the first line numbers.</summary>
    SkipRow,

    /// <summary>
    /// Copy the value of the previous trading day (in date order, after sorting; like pandas' <c>ffill</c>). Rows at
    /// the start with nothing to copy from are left out and reported like skipped rows. An empty date cannot be filled.
    /// In a file without dates "previous" means the previous row in the order <see cref="PriceSeriesOptions.DatelessOrder"/>
    /// states, so the fill runs forward in time there too.
    /// </summary>
    ForwardFill,
}
