using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Recur.Serialization;

/// <summary>
/// The header of a safetensors file, read and checked: an 8-byte little-endian length N, then N bytes of UTF-8 JSON
/// mapping tensor names to <c>{"dtype", "shape", "data_offsets"}</c>, plus an optional <c>"__metadata__"</c> object
/// of strings. The tensor data follows at <see cref="DataStart"/>.
/// </summary>
/// <remarks>
/// Checks: the length prefix fits in the file and is at most <see cref="MaxHeaderBytes"/>; the JSON is an object;
/// each entry has a known dtype, a shape of non-negative integers and two offsets; the offsets lie inside the data,
/// do not overlap, and span exactly shape × item size bytes. Gaps between tensors and bytes after the last one are
/// tolerated (the reference writer never produces them).
/// </remarks>
internal sealed class SafeTensorsHeader
{
    /// <summary>The largest header accepted, as in the reference implementation (100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>The name of the optional metadata entry.</summary>
    public const string MetadataKey = "__metadata__";

    private SafeTensorsHeader(List<SafeTensorsEntry> entries, Dictionary<string, string> metadata, long dataStart)
    {
        Entries = entries;
        Metadata = metadata;
        DataStart = dataStart;
    }

    /// <summary>The tensors in the order the header lists them.</summary>
    public List<SafeTensorsEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> entries in file order; empty when there are none.</summary>
    public Dictionary<string, string> Metadata { get; }

    /// <summary>File position of the data buffer: 8 + N.</summary>
    public long DataStart { get; }

    /// <summary>Reads and checks the header of the open file <paramref name="file"/>; <paramref name="path"/> names it in errors.</summary>
    public static SafeTensorsHeader Read(SafeFileHandle file, string path)
    {
        long fileLength = RandomAccess.GetLength(file);
        if (fileLength < 8)
            throw Corrupt(path, $"the file has {fileLength} byte(s), fewer than the 8-byte header length that starts a safetensors file.");

        Span<byte> prefix = stackalloc byte[8];
        FileRead.Exactly(file, prefix, 0, path);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes)
            throw Corrupt(path, $"the header length is {headerLength} bytes, more than the {MaxHeaderBytes / 1_000_000} MB limit; " +
                                "the file is corrupt or not a safetensors file.");
        if ((long)headerLength > fileLength - 8)
            throw Corrupt(path, $"the header length is {headerLength} bytes but only {fileLength - 8} bytes follow the length prefix; " +
                                "the file is truncated or not a safetensors file.");

        var json = new byte[headerLength];
        FileRead.Exactly(file, json, 8, path);
        long dataStart = 8 + (long)headerLength;
        return Parse(json, fileLength - dataStart, dataStart, path);
    }

    private static SafeTensorsHeader Parse(byte[] json, long dataLength, long dataStart, string path)
    {
        // JsonDocument accepts invalid UTF-8 inside strings and fails only when one is read; reject it up front.
        if (!System.Text.Unicode.Utf8.IsValid(json))
            throw Corrupt(path, "the header is not valid UTF-8 text; the file is corrupt or not a safetensors file.");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"the header is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Corrupt(path, $"the header is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object of tensors.");

            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw Corrupt(path, $"the header names '{property.Name}' twice.");
                if (property.Name == MetadataKey)
                    ReadMetadata(property.Value, metadata, path);
                else
                    entries.Add(ReadEntry(property.Name, property.Value, dataLength, path));
            }
            CheckNoOverlap(entries, path);
            return new SafeTensorsHeader(entries, metadata, dataStart);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Corrupt(path, $"\"{MetadataKey}\" must be an object of strings but is a JSON {Kind(value)}.");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Corrupt(path, $"\"{MetadataKey}\" entry '{item.Name}' must be a string but is a JSON {Kind(item.Value)}.");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw Corrupt(path, $"\"{MetadataKey}\" names '{item.Name}' twice.");
        }
    }

    private static SafeTensorsEntry ReadEntry(string name, JsonElement value, long dataLength, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Corrupt(path, $"tensor '{name}' must be described by an object but is a JSON {Kind(value)}.");

        var dtype = ReadDType(name, Field(name, value, "dtype", JsonValueKind.String, path), path);
        var shape = ReadShape(name, Field(name, value, "shape", JsonValueKind.Array, path), path);
        var (begin, end) = ReadOffsets(name, Field(name, value, "data_offsets", JsonValueKind.Array, path), path);

        long elements = 1;
        foreach (int dim in shape)
        {
            elements *= dim;
            if (elements > Array.MaxLength)
                throw Corrupt(path, $"tensor '{name}' has shape {Tensor.ShapeText(shape)}, more elements than a Recur tensor can hold ({Array.MaxLength}).");
        }
        long expectedBytes = elements * dtype.ItemSize();
        if (end - begin != expectedBytes)
            throw Corrupt(path, $"tensor '{name}' has data_offsets [{begin}, {end}] ({end - begin} bytes) but shape " +
                                $"{Tensor.ShapeText(shape)} of {dtype} needs {expectedBytes} bytes.");
        if (end > dataLength)
            throw Corrupt(path, $"tensor '{name}' has data_offsets [{begin}, {end}] but the data after the header is only " +
                                $"{dataLength} bytes; the file is truncated.");
        return new SafeTensorsEntry(name, dtype, shape, elements, begin, end);
    }

    private static JsonElement Field(string name, JsonElement entry, string field, JsonValueKind kind, string path)
    {
        if (!entry.TryGetProperty(field, out var value))
            throw Corrupt(path, $"tensor '{name}' has no \"{field}\".");
        if (value.ValueKind != kind)
            throw Corrupt(path, $"tensor '{name}' has a \"{field}\" that is a JSON {Kind(value)}, not {(kind == JsonValueKind.Array ? "an array" : "a string")}.");
        return value;
    }

    private static SafeTensorsDType ReadDType(string name, JsonElement value, string path)
    {
        string text = value.GetString()!;
        if (!SafeTensorsDTypes.TryParse(text, out var dtype))
            throw Corrupt(path, $"tensor '{name}' has unknown dtype \"{text}\" (known: {string.Join(", ", Enum.GetNames<SafeTensorsDType>())}).");
        return dtype;
    }

    private static int[] ReadShape(string name, JsonElement value, string path)
    {
        var shape = new int[value.GetArrayLength()];
        int d = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long dim))
                throw Corrupt(path, $"tensor '{name}' has {item.GetRawText()} at position {d} of its shape; dimensions must be integers.");
            if (dim < 0)
                throw Corrupt(path, $"tensor '{name}' has negative dimension {dim} at position {d} of its shape.");
            if (dim > int.MaxValue)
                throw Corrupt(path, $"tensor '{name}' has dimension {dim} at position {d}, larger than a Recur tensor allows.");
            shape[d++] = (int)dim;
        }
        return shape;
    }

    private static (long Begin, long End) ReadOffsets(string name, JsonElement value, string path)
    {
        if (value.GetArrayLength() != 2)
            throw Corrupt(path, $"tensor '{name}' has data_offsets {value.GetRawText()}; it needs exactly two numbers [begin, end].");
        long begin = Offset(value[0]), end = Offset(value[1]);
        if (begin < 0 || end < 0)
            throw Corrupt(path, $"tensor '{name}' has data_offsets {value.GetRawText()}; offsets must be non-negative integers.");
        if (end < begin)
            throw Corrupt(path, $"tensor '{name}' has data_offsets [{begin}, {end}]: end is before begin.");
        return (begin, end);

        static long Offset(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) ? v : -1;
    }

    private static void CheckNoOverlap(List<SafeTensorsEntry> entries, string path)
    {
        var byOffset = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        for (int i = 1; i < byOffset.Count; i++)
        {
            var previous = byOffset[i - 1];
            var current = byOffset[i];
            if (current.Begin < previous.End)
                throw Corrupt(path, $"tensors '{previous.Name}' [{previous.Begin}, {previous.End}] and '{current.Name}' " +
                                    $"[{current.Begin}, {current.End}] overlap in the data buffer.");
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    private static InvalidDataException Corrupt(string path, string what, Exception? inner = null) =>
        new($"Safetensors file '{path}': {what}", inner);
}
