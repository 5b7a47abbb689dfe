namespace Recur.Cli;

/// <summary>The command line a run was started with, as a report quotes it.</summary>
internal static class CommandText
{
    /// <summary><c>recur</c> and the tokens, those holding a space quoted.</summary>
    public static string Of(IEnumerable<string> tokens) =>
        "recur " + string.Join(' ', tokens.Select(t => t.Contains(' ') ? $"\"{t}\"" : t));
}
