namespace Recur.Data.Prices;

/// <summary>
/// A setting of <see cref="PriceSeriesOptions"/> that would read a file <see cref="PriceSeriesReader"/> refused. A
/// <see cref="PriceFormatException"/> lists them so that a program can phrase the advice in its own words (a command
/// line names its flags); the exception's message phrases them as the options' names.
/// </summary>
public enum PriceReadRemedy
{
    /// <summary>Name the file's encoding (<see cref="PriceSeriesOptions.EncodingName"/>).</summary>
    NameEncoding,

    /// <summary>Give the names of the file's columns (<see cref="PriceSeriesOptions.ColumnNames"/>).</summary>
    NameColumns,

    /// <summary>Read fewer columns, leaving out the one(s) with the problem (<see cref="PriceSeriesOptions.Columns"/>).</summary>
    ReadFewerColumns,

    /// <summary>
    /// Accept empty cells: <see cref="PriceSeriesOptions.MissingValues"/> = <see cref="MissingValuePolicy.SkipRow"/> or
    /// <see cref="MissingValuePolicy.ForwardFill"/>.
    /// </summary>
    AcceptMissingValues,

    /// <summary>Leave rows with an empty cell out: <see cref="PriceSeriesOptions.MissingValues"/> = <see cref="MissingValuePolicy.SkipRow"/>.</summary>
    SkipRowsWithMissingValues,

    /// <summary>
    /// State the row order of a file without dates: <see cref="PriceSeriesOptions.DatelessOrder"/> =
    /// <see cref="DatelessRowOrder.NewestFirst"/> or <see cref="DatelessRowOrder.OldestFirst"/>.
    /// </summary>
    StateDatelessOrder,

    /// <summary>
    /// Name the layout of a date column whose dates put the day and month before the year and none of which has a day
    /// above 12 (<see cref="PriceSeriesOptions.DateFormat"/>, e.g. <c>MM/DD/YYYY</c> or <c>DD/MM/YYYY</c>).
    /// </summary>
    NameDateFormat,

    /// <summary>
    /// Name the decimal separator of a <c>;</c>-separated file whose numbers could be read either way
    /// (<see cref="PriceSeriesOptions.DecimalSeparator"/>: ',' or '.').
    /// </summary>
    NameDecimalSeparator,
}
