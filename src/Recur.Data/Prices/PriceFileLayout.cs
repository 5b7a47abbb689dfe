using System.Runtime.ExceptionServices;

namespace Recur.Data.Prices;

/// <summary>
/// How a price file's data rows are read, found in one pass over its records without keeping them: the header, the
/// date column and its layout, the columns to read, the decimal separator, and how many data records there are (so the
/// columns can be allocated once).
/// </summary>
/// <param name="Header">The column names and where the data starts.</param>
/// <param name="DateIndex">The date column's index, or −1 when the file has none.</param>
/// <param name="Selected">The indices of the columns read, in the order asked.</param>
/// <param name="DateFormat">The layout of day-and-month-first dates, or null (year first, or no dates).</param>
/// <param name="DecimalComma">True when the numbers are written with decimal commas.</param>
/// <param name="DataRecords">Records after the header that are neither comments nor blank.</param>
internal sealed record PriceFileLayout(PriceHeader Header, int DateIndex, int[] Selected, PriceDateFormat? DateFormat, bool DecimalComma, int DataRecords)
{
    /// <summary>
    /// Reads the records of <paramref name="file"/> once. The problems are reported in the order a whole-file read finds
    /// them: malformed quoting anywhere first (the header is found from the first records, and its problems wait until
    /// every record has been parsed), then the header and the columns asked for, then the dates' layout, then the
    /// decimal separator. <paramref name="columnsOnly"/>: find the header and the date column only.
    /// </summary>
    public static PriceFileLayout Detect(string path, PriceFileText file, char delimiter, PriceSeriesOptions options, List<string> warnings,
        bool columnsOnly = false)
    {
        using var records = new PriceCsvRecords(path, file.OpenReader(), delimiter);
        // The header is found among the records up to the third that is neither a comment nor blank; only those are copied.
        var first = new List<PriceCsvRecord>();
        int rows = 0;
        while (rows < PriceHeader.RowsLookedAt && records.MoveNext())
        {
            var record = records.ToRecord();
            first.Add(record);
            if (!record.IsComment && !record.IsBlank) rows++;
        }

        PriceHeader? header = null;
        int dateIndex = -1;
        int[] selected = [];
        ExceptionDispatchInfo? deferred = null;
        try
        {
            header = PriceHeader.Resolve(path, first, options.ColumnNames, warnings);
            dateIndex = options.DateColumn is string dateColumn
                ? NameDateColumn(path, header, dateColumn)
                : Array.IndexOf(header.Names, PriceColumnNames.Date);
            if (!columnsOnly) selected = SelectColumns(path, header, dateIndex, options.Columns);
        }
        catch (Exception e) when (e is DataFormatException or ArgumentException)
        {
            deferred = ExceptionDispatchInfo.Capture(e);
        }

        var dates = new DateColumnLayout(columnsOnly || deferred is not null ? -1 : dateIndex, options.DateFormat);
        var decimals = new DecimalSeparatorEvidence(selected, columnsOnly || deferred is not null ? ',' : delimiter, options.DecimalSeparator);
        int dataRecords = 0;
        void Observe(IPriceRecord record)
        {
            dates.Observe(record);
            decimals.Observe(record);
            if (!record.IsComment && !record.IsBlank) dataRecords++;
        }
        for (int r = header?.DataStart ?? first.Count; r < first.Count; r++) Observe(first[r]);
        while (records.MoveNext())
            if (deferred is null) Observe(records);
        deferred?.Throw();

        var dateFormat = dates.Resolve(path, header!);
        if (options.DateFormat is null && dateFormat is not null)
            warnings.Add($"the dates were read as {dateFormat} (the layout their days above 12 show).");
        bool decimalComma = decimals.DecimalComma(path);
        if (options.DecimalSeparator is null && decimalComma)
            warnings.Add("the numbers were read with decimal commas (12,5 is 12.5), as the ';'-separated file writes them.");
        return new PriceFileLayout(header!, dateIndex, selected, dateFormat, decimalComma, dataRecords);
    }

    private static int[] SelectColumns(string path, PriceHeader header, int dateIndex, IReadOnlyList<string>? wanted)
    {
        if (wanted is null)
            return Enumerable.Range(0, header.Names.Length).Where(i => i != dateIndex).ToArray();
        var indices = new List<int>();
        foreach (var name in wanted)
        {
            string canonical = PriceColumnNames.Canonical(name);
            int index = Array.FindIndex(header.Names, n => string.Equals(n, canonical, StringComparison.OrdinalIgnoreCase));
            if (index < 0) index = Array.FindIndex(header.SourceNames, n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
                throw new DataFormatException(path, header.Line, null,
                    $"no column '{name}'; the file has: {PriceColumnNames.Describe(header.Names, header.SourceNames)}.");
            if (index != dateIndex && !indices.Contains(index)) indices.Add(index);
        }
        return indices.ToArray();
    }

    // The user's date column becomes the Date column; a column that mapped to Date by its header keeps its own text as its name.
    private static int NameDateColumn(string path, PriceHeader header, string name)
    {
        string wanted = name.Trim();
        int index = Array.FindIndex(header.SourceNames, n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
        if (index < 0) index = Array.FindIndex(header.Names, n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new DataFormatException(path, header.Line, null,
                $"there is no column '{wanted}' to take the dates from; the columns are {string.Join(", ", header.SourceNames)}.");
        int current = Array.IndexOf(header.Names, PriceColumnNames.Date);
        if (current >= 0 && current != index) header.Names[current] = header.SourceNames[current];
        header.Names[index] = PriceColumnNames.Date;
        return index;
    }
}
