using System.Text.Json.Nodes;
using Recur.Data.Prices;

namespace Recur.Tasks.Recipes;

/// <summary>
/// How a price file was read, as a checkpoint's <c>data</c> section stores it, so that a saved model reads new files the
/// same way: encoding, date column and layout, column names, empty-cell policy, decimal separator, and the row order of
/// a file without dates. Shared by the recipes that read price files (forecast, updown).
/// </summary>
public static class PriceReadingConfig
{
    private const string OrderKey = "order_without_dates";
    private const string LegacyOrderKey = "newest_first_without_dates";

    /// <summary>Writes <paramref name="reading"/>'s settings into <paramref name="data"/> (the columns read are not stored).</summary>
    public static void Write(JsonObject data, PriceSeriesOptions reading)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(reading);
        data[OrderKey] = DatelessRowOrderNames.Of(reading.DatelessOrder);
        data["encoding"] = reading.EncodingName;
        data["date_column"] = reading.DateColumn;
        data["column_names"] = reading.ColumnNames is null ? null : new JsonArray(reading.ColumnNames.Select(n => (JsonNode?)n).ToArray());
        data["missing"] = reading.MissingValues.ToString();
        data["date_format"] = reading.DateFormat?.Pattern;
        data["decimal_separator"] = reading.DecimalSeparator?.ToString();
    }

    /// <summary>Reads the settings <see cref="Write"/> stored; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">A setting is malformed.</exception>
    public static PriceSeriesOptions Read(JsonObject data, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            string? missing = (string?)data["missing"];
            string? dateFormat = (string?)data["date_format"];
            string? separator = (string?)data["decimal_separator"];
            return new PriceSeriesOptions
            {
                EncodingName = (string?)data["encoding"],
                DateColumn = (string?)data["date_column"],
                ColumnNames = (data["column_names"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToArray(),
                MissingValues = missing is null ? MissingValuePolicy.Error
                    : Enum.TryParse<MissingValuePolicy>(missing, out var policy) && Enum.IsDefined(policy) ? policy
                    : throw new InvalidDataException($"{source}: unknown missing-value policy '{missing}'."),
                DatelessOrder = DatelessOrder(data, source),
                DateFormat = dateFormat is null ? null : PriceDateFormat.Parse(dateFormat),
                DecimalSeparator = separator is null ? null : separator is "," or "." ? separator[0]
                    : throw new InvalidDataException($"{source}: unknown decimal separator '{separator}'."),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"{source}: the file-reading settings are malformed ({e.Message}).", e);
        }
    }

    // Checkpoints before the order was a choice of three stored a bool: true reversed the rows (newest first); false kept
    // them in file order, a guess rather than a statement, so it reads as unspecified and a file without dates then needs
    // an order again.
    private static DatelessRowOrder DatelessOrder(JsonObject data, string source)
    {
        if (!data.ContainsKey(OrderKey))
            return data[LegacyOrderKey]?.GetValue<bool>() == true ? DatelessRowOrder.NewestFirst : DatelessRowOrder.Unspecified;
        if (data[OrderKey] is null) return DatelessRowOrder.Unspecified;
        string name = data[OrderKey]!.GetValue<string>();
        return DatelessRowOrderNames.TryParse(name, out var order) ? order
            : throw new InvalidDataException($"{source}: unknown order without dates '{name}'.");
    }
}
