using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Recur.Cli;

/// <summary>
/// The parser's messages in the command line's words: a value that does not parse names the option and the form it
/// takes ("--epochs takes a whole number, not 'ten'") instead of a .NET type (<c>System.Int32</c>).
/// </summary>
internal static partial class ParseErrorWording
{
    /// <summary>The message of <paramref name="error"/>, a type-named parse failure reworded with its option's name.</summary>
    public static string Message(ParseError error)
    {
        var match = TypedFailure().Match(error.Message);
        if (!match.Success) return error.Message;
        string value = match.Groups["value"].Value, symbol = match.Groups["symbol"].Value;
        // The parser leaves the option out of some messages ("Cannot parse argument 'x' as expected type …"); its result knows it.
        string who = error.SymbolResult switch
        {
            OptionResult option => option.Option.Name,
            ArgumentResult { Parent: OptionResult option } => option.Option.Name,
            _ when symbol.Length > 0 => symbol,
            _ => "the argument",
        };
        return $"{who} takes {Form(match.Groups["type"].Value)}, not '{value}'.";
    }

    // The type's last name (System.Nullable`1[[System.Int32, …]] reads as Int32).
    private static string Form(string typeName)
    {
        var names = Regex.Matches(typeName, @"System\.(\w+)").Select(m => m.Groups[1].Value).Where(n => n != "Nullable`1").ToList();
        return (names.Count > 0 ? names[^1] : typeName) switch
        {
            "Int16" or "Int32" or "Int64" => "a whole number (for example 10)",
            "UInt16" or "UInt32" or "UInt64" or "Byte" => "a whole number of 0 or more (for example 10)",
            "Single" or "Double" or "Decimal" => "a number with a decimal point (for example 0.01)",
            "Boolean" => "true or false",
            _ => "a value of the form its --help describes",
        };
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*?)' (?:for (?:option|command) '(?<symbol>[^']*)' )?as expected type '(?<type>.*)'\.", RegexOptions.Singleline)]
    private static partial Regex TypedFailure();
}
