using System.CommandLine;

namespace Recur.Cli;

/// <summary>The command line a run was given, as its report quotes it.</summary>
internal static class CommandLineText
{
    /// <summary><c>recur</c> and the parsed tokens, a token with a space in quotes.</summary>
    public static string Of(ParseResult parse) =>
        "recur " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ') ? $"\"{t.Value}\"" : t.Value));
}
