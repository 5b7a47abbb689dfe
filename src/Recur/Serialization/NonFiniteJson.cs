using System.Globalization;
using System.Text.Json.Nodes;

namespace Recur.Serialization;

/// <summary>
/// Replaces NaN and infinite numbers in a JSON tree by the strings <c>"NaN"</c>, <c>"Infinity"</c> and
/// <c>"-Infinity"</c> (the spelling of .NET's named floating-point literals): JSON has no such numbers, and the
/// serializer throws on them. A checkpoint's config or training state holding one (a score of a diverged baseline, a
/// scaler fitted on a huge value) is thus written, never a crash at save time.
/// </summary>
internal static class NonFiniteJson
{
    /// <summary>Rewrites <paramref name="node"/>'s non-finite numbers in place; returns <paramref name="node"/>.</summary>
    public static JsonNode? Encode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (string key in obj.Select(p => p.Key).ToList())
                    if (Replacement(obj[key]) is { } text) obj[key] = text;
                    else Encode(obj[key]);
                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                    if (Replacement(array[i]) is { } text) array[i] = text;
                    else Encode(array[i]);
                break;
        }
        return node;
    }

    private static JsonValue? Replacement(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        double number;
        if (value.TryGetValue(out double d)) number = d;
        else if (value.TryGetValue(out float f)) number = f;
        else return null;
        return double.IsFinite(number) ? null : JsonValue.Create(number.ToString(CultureInfo.InvariantCulture));
    }
}
