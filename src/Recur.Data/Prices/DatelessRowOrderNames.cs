namespace Recur.Data.Prices;

/// <summary>
/// The written names of a <see cref="DatelessRowOrder"/>, <c>newest-first</c> and <c>oldest-first</c>, as
/// <see cref="RowOrderManifest"/> files, checkpoints and command lines spell them.
/// </summary>
public static class DatelessRowOrderNames
{
    /// <summary>The name of <see cref="DatelessRowOrder.NewestFirst"/>.</summary>
    public const string NewestFirst = "newest-first";

    /// <summary>The name of <see cref="DatelessRowOrder.OldestFirst"/>.</summary>
    public const string OldestFirst = "oldest-first";

    /// <summary>The name of <paramref name="order"/>; null for <see cref="DatelessRowOrder.Unspecified"/>.</summary>
    public static string? Of(DatelessRowOrder order) => order switch
    {
        DatelessRowOrder.NewestFirst => NewestFirst,
        DatelessRowOrder.OldestFirst => OldestFirst,
        _ => null,
    };

    /// <summary>The order named <paramref name="name"/> (exactly as written here); false for any other text.</summary>
    public static bool TryParse(string? name, out DatelessRowOrder order)
    {
        order = name switch
        {
            NewestFirst => DatelessRowOrder.NewestFirst,
            OldestFirst => DatelessRowOrder.OldestFirst,
            _ => DatelessRowOrder.Unspecified,
        };
        return order != DatelessRowOrder.Unspecified;
    }
}
