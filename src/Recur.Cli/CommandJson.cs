using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Recur.Cli;

/// <summary>
/// The one layout of every command's <c>--json</c> output (and of the summary files the training commands write): an
/// indented object that opens with <c>schema</c> (this layout's version), <c>command</c> and <c>warnings</c> (what the
/// tables would have printed to stderr as notes and warnings), followed by the command's own fields.
/// </summary>
internal static class CommandJson
{
    /// <summary>
    /// The version of the documents' layout. Raised when a field is renamed, removed or changes meaning; new fields
    /// keep it, so a reader checks <c>schema</c> and ignores fields it does not know.
    /// </summary>
    public const int Schema = 1;

    // Indented; non-ASCII text (Korean reviews, "×") as itself rather than \uXXXX escapes.
    private static readonly JsonSerializerOptions Layout = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The document of <paramref name="command"/>: <paramref name="body"/>'s fields after the header, or, for a body
    /// that is not an object (a list of predictions), the body as <c>results</c>.
    /// </summary>
    public static string Format(string command, JsonNode body, IEnumerable<string> warnings)
    {
        var document = new JsonObject
        {
            ["schema"] = Schema,
            ["command"] = command,
            ["warnings"] = new JsonArray(warnings.Select(w => (JsonNode?)w).ToArray()),
        };
        if (body is JsonObject fields)
        {
            foreach (var (name, value) in fields.ToList())
            {
                fields.Remove(name);
                document[name] = value;
            }
        }
        else document["results"] = body;
        return document.ToJsonString(Layout);
    }
}
