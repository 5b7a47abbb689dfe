using System.Text.Json.Nodes;

namespace Recur.Tasks;

/// <summary>
/// Reading and writing the recipes' checkpoint configs: required fields and sections, named choices, string lists. A
/// missing or unknown value is an <see cref="InvalidDataException"/> naming the file (<c>source</c>) and the key.
/// </summary>
internal static class ConfigJson
{
    /// <summary>The object <paramref name="json"/> holds under <paramref name="key"/>.</summary>
    public static JsonObject Object(JsonObject json, string key, string source) =>
        json[key] as JsonObject ?? throw new InvalidDataException($"{source}: the configuration has no '{key}' object.");

    /// <summary>The value <paramref name="json"/> holds under <paramref name="key"/>, which must be there.</summary>
    public static JsonNode Required(JsonObject json, string key, string source) =>
        json[key] ?? throw new InvalidDataException($"{source}: the configuration has no '{key}'.");

    /// <summary>The value of <paramref name="choices"/> whose name the string under <paramref name="key"/> is.</summary>
    public static T Choice<T>(JsonObject json, string key, string source, params (string Name, T Value)[] choices)
    {
        string name = Required(json, key, source).GetValue<string>();
        foreach (var (n, value) in choices)
            if (n == name) return value;
        throw new InvalidDataException($"{source}: unknown {key.Replace('_', ' ')} '{name}'.");
    }

    /// <summary>The recurrent layer named under <paramref name="key"/>: <c>lstm</c>, <c>gru</c> or <c>rnn</c>.</summary>
    public static RecurrentKind Kind(JsonObject json, string key, string source) =>
        Choice(json, key, source, ("lstm", RecurrentKind.Lstm), ("gru", RecurrentKind.Gru), ("rnn", RecurrentKind.Rnn));

    /// <summary>A JSON array of <paramref name="values"/>.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>The strings of the array under <paramref name="key"/>.</summary>
    public static string[] StringList(JsonObject json, string key, string source) =>
        Required(json, key, source).AsArray().Select(v => v!.GetValue<string>()).ToArray();
}
