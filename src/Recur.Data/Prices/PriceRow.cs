namespace Recur.Data.Prices;

/// <summary>
/// One parsed data row while a file is read: the line it came from, its date (default when the file has no date
/// column or the date cell was empty), and the values of the selected columns (NaN marks an empty cell until the
/// <see cref="MissingValuePolicy"/> deals with it).
/// </summary>
internal sealed record PriceRow(int Line, DateOnly Date, double[] Values);
