namespace Recur.Data.Text;

/// <summary>Shortens file content quoted in an error message.</summary>
internal static class Excerpt
{
    /// <summary>At most <paramref name="max"/> characters of <paramref name="text"/>, with "…" if cut.</summary>
    public static string Of(string text, int max = 60) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
