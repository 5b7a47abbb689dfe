namespace Recur.Data.Text;

/// <summary>
/// A column of a CSV/TSV file, by header name or by 0-based index (error messages count columns from 1). Strings and
/// integers convert implicitly: <c>TextColumn = "v2"</c> or <c>TextColumn = 1</c>.
/// </summary>
public readonly record struct ColumnReference
{
    private ColumnReference(string? name, int index)
    {
        Name = name;
        Index = index;
    }

    /// <summary>The header name, or null when the column is chosen by index.</summary>
    public string? Name { get; }

    /// <summary>The 0-based index, or -1 when the column is chosen by name.</summary>
    public int Index { get; }

    /// <summary>The column whose header is <paramref name="name"/> (matched exactly, else ignoring case if that is unambiguous).</summary>
    public static ColumnReference ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new ColumnReference(name, -1);
    }

    /// <summary>The column at 0-based <paramref name="index"/>.</summary>
    public static ColumnReference ByIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new ColumnReference(null, index);
    }

    /// <summary>A column by name.</summary>
    public static implicit operator ColumnReference(string name) => ByName(name);

    /// <summary>A column by 0-based index.</summary>
    public static implicit operator ColumnReference(int index) => ByIndex(index);

    /// <summary>"'name'" or "#index" (1-based, as in error messages).</summary>
    public override string ToString() => Name is null ? $"column {Index + 1}" : $"column '{Name}'";
}
