using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Recur.Serialization;

/// <summary>
/// Lays out a safetensors file as the reference implementation does for tensors of one dtype: tensors sorted by name
/// (UTF-8 byte order), data offsets contiguous from 0, compact JSON header with <c>"__metadata__"</c> first,
/// padded with spaces to a multiple of 8 bytes.
/// </summary>
internal static class SafeTensorsWriter
{
    private const int ChunkElements = 1 << 18;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="tensors"/> (and <paramref name="metadata"/>, if any) to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata,
        SafeTensorsDType dtype = SafeTensorsDType.F32)
    {
        if (dtype is not (SafeTensorsDType.F32 or SafeTensorsDType.F16 or SafeTensorsDType.BF16))
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "SafeTensors.Save writes F32, F16 or BF16.");
        var ordered = Order(tensors);
        byte[] header = Header(ordered, Order(metadata), dtype);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> prefix = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
            stream.Write(prefix);
            stream.Write(header);
            byte[] scratch = ArrayPool<byte>.Shared.Rent(4 * ChunkElements);
            try
            {
                foreach (var (_, tensor) in ordered)
                    WriteElements(stream, tensor.Data, dtype, scratch);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        });
    }

    /// <summary>The padded JSON header for tensors in the given order and metadata (null: no metadata entry).</summary>
    internal static byte[] Header(IReadOnlyList<(string Name, Tensor Tensor)> tensors, IReadOnlyList<(string Key, string Value)>? metadata,
        SafeTensorsDType dtype = SafeTensorsDType.F32)
    {
        int itemSize = dtype.ItemSize();
        var buffer = new ArrayBufferWriter<byte>();
        // Escape only what JSON requires, like serde_json, so non-ASCII names stay readable UTF-8.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is not null)
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                long end = offset + (long)itemSize * tensor.Size;
                json.WriteStartObject(name);
                json.WriteString("dtype", dtype.ToString());
                json.WriteStartArray("shape");
                foreach (int dim in tensor.ShapeRef) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }
            json.WriteEndObject();
        }
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static List<(string Name, Tensor Tensor)> Order(IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var items = new List<(byte[] Key, string Name, Tensor Tensor)>(tensors.Count);
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("SafeTensors.Save: a tensor has an empty name; every tensor needs a name.", nameof(tensors));
            if (name == SafeTensorsHeader.MetadataKey)
                throw new ArgumentException($"SafeTensors.Save: '{name}' is reserved for metadata and cannot name a tensor; pass metadata separately.", nameof(tensors));
            if (tensor is null)
                throw new ArgumentException($"SafeTensors.Save: tensor '{name}' is null.", nameof(tensors));
            items.Add((Utf8(name, "tensor name"), name, tensor));
        }
        items.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        return items.Select(i => (i.Name, i.Tensor)).ToList();
    }

    private static List<(string Key, string Value)>? Order(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null) return null;
        var items = new List<(byte[] Utf8Key, string Key, string Value)>(metadata.Count);
        foreach (var (key, value) in metadata)
        {
            if (key is null || value is null)
                throw new ArgumentException($"SafeTensors.Save: metadata entry '{key}' has a null value; metadata values must be strings.", nameof(metadata));
            Utf8(value, $"metadata value of '{key}'");
            items.Add((Utf8(key, "metadata key"), key, value));
        }
        items.Sort((a, b) => a.Utf8Key.AsSpan().SequenceCompareTo(b.Utf8Key));
        return items.Select(i => (i.Key, i.Value)).ToList();
    }

    private static byte[] Utf8(string text, string what)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"SafeTensors.Save: {what} '{text}' is not valid Unicode (it has a lone surrogate).", e);
        }
    }

    private static void WriteElements(Stream stream, float[] data, SafeTensorsDType dtype, byte[] scratch)
    {
        int itemSize = dtype.ItemSize();
        for (int start = 0; start < data.Length; start += ChunkElements)
        {
            int count = Math.Min(ChunkElements, data.Length - start);
            var bytes = scratch.AsSpan(0, itemSize * count);
            LittleEndianElements.Encode(dtype, data.AsSpan(start, count), bytes);
            stream.Write(bytes);
        }
    }
}
