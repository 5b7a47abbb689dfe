using System.Text.Json;

namespace Recur.Data.Scaling;

/// <summary>Reading and writing the pieces of a scaler's JSON, with errors that name the property.</summary>
internal static class ScalerJson
{
    public static string String(JsonElement obj, string name)
    {
        var element = Property(obj, name);
        if (element.ValueKind != JsonValueKind.String)
            throw Problem($"\"{name}\" must be a string but is {element.ValueKind}.");
        return element.GetString()!;
    }

    public static double[] Numbers(JsonElement obj, string name)
    {
        var element = Property(obj, name);
        if (element.ValueKind != JsonValueKind.Array)
            throw Problem($"\"{name}\" must be an array of numbers but is {element.ValueKind}.");
        var numbers = new double[element.GetArrayLength()];
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out double value) || !double.IsFinite(value))
                throw Problem($"\"{name}\"[{i}] must be a finite number but is {item.GetRawText()}.");
            numbers[i++] = value;
        }
        return numbers;
    }

    public static void WriteNumbers(Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }

    public static DataFormatException Problem(string problem) => new(null, null, null, "scaler JSON: " + problem);

    private static JsonElement Property(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var element) ? element : throw Problem($"the property \"{name}\" is missing.");
}
