using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Recur.Serialization;

/// <summary>Reads the tensors a checked <see cref="SafeTensorsHeader"/> describes, as float32 or as integers.</summary>
internal static class SafeTensorsReader
{
    // Elements read per call: 1 MB of F32, small enough that the scratch buffer for conversions stays modest and
    // that byte spans never approach the 2 GB span limit.
    private const int ChunkElements = 1 << 18;

    /// <summary>
    /// Reads every tensor of <paramref name="header"/> from <paramref name="file"/>, in header order, as float32. F32 bytes
    /// go straight into the tensor's storage; F64, F16 and BF16 are converted; integer and boolean tensors are converted
    /// when every value is a float32 exactly. Any other dtype is rejected before reading.
    /// </summary>
    public static Dictionary<string, Tensor> ReadAll(SafeFileHandle file, SafeTensorsHeader header, string path)
    {
        foreach (var entry in header.Entries)
            if (!entry.DType.IsFloat() && !entry.DType.IsIntegerOrBool())
                throw Unsupported(entry, path);

        var tensors = new Dictionary<string, Tensor>(header.Entries.Count, StringComparer.Ordinal);
        byte[]? scratch = null;
        try
        {
            foreach (var entry in header.Entries)
            {
                var data = new float[entry.ElementCount];
                long position = header.DataStart + entry.Begin;
                if (entry.DType == SafeTensorsDType.F32)
                {
                    ReadSingles(file, data, position, path);
                }
                else
                {
                    scratch ??= ArrayPool<byte>.Shared.Rent(ChunkElements * 8);
                    if (entry.DType.IsFloat()) ReadConverted(file, entry.DType, data, position, scratch, path);
                    else ReadIntegersAsSingles(file, entry, data, position, scratch, path);
                }
                tensors.Add(entry.Name, new Tensor(data, entry.Shape));
            }
        }
        finally
        {
            if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
        }
        return tensors;
    }

    /// <summary>Reads the integer and boolean tensors of <paramref name="header"/> as 64-bit integers, in header order.</summary>
    public static Dictionary<string, IntegerTensor> ReadIntegers(SafeFileHandle file, SafeTensorsHeader header, string path)
    {
        var tensors = new Dictionary<string, IntegerTensor>(StringComparer.Ordinal);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(ChunkElements * 8);
        try
        {
            foreach (var entry in header.Entries.Where(e => e.DType.IsIntegerOrBool()))
            {
                var values = new long[entry.ElementCount];
                ForEachIntegerChunk(file, entry, header.DataStart + entry.Begin, scratch, path, (start, chunk) => chunk.CopyTo(values.AsSpan(start)));
                tensors.Add(entry.Name, new IntegerTensor(entry.DType, entry.Shape, values));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
        return tensors;
    }

    private static void ReadSingles(SafeFileHandle file, float[] data, long position, string path)
    {
        for (int start = 0; start < data.Length; start += ChunkElements)
        {
            var chunk = data.AsSpan(start, Math.Min(ChunkElements, data.Length - start));
            FileRead.Exactly(file, MemoryMarshal.AsBytes(chunk), position + 4L * start, path);
            LittleEndianElements.FromLittleEndianInPlace(chunk);
        }
    }

    private static void ReadConverted(SafeFileHandle file, SafeTensorsDType dtype, float[] data, long position, byte[] scratch, string path)
    {
        int itemSize = dtype.ItemSize();
        for (int start = 0; start < data.Length; start += ChunkElements)
        {
            int count = Math.Min(ChunkElements, data.Length - start);
            var bytes = scratch.AsSpan(0, count * itemSize);
            FileRead.Exactly(file, bytes, position + (long)itemSize * start, path);
            LittleEndianElements.DecodeToSingle(dtype, bytes, data.AsSpan(start, count));
        }
    }

    /// <summary>An integer tensor as float32, refused (naming the tensor, the value and the remedy) when a value is not exact.</summary>
    private static void ReadIntegersAsSingles(SafeFileHandle file, SafeTensorsEntry entry, float[] data, long position, byte[] scratch, string path) =>
        ForEachIntegerChunk(file, entry, position, scratch, path, (start, chunk) =>
        {
            for (int i = 0; i < chunk.Length; i++)
            {
                float value = chunk[i];
                // Within ±2^62 the float converts back without overflow, so the round trip says whether it is exact.
                if (chunk[i] is < -(1L << 62) or > 1L << 62 || (long)value != chunk[i])
                    throw new NotSupportedException(
                        $"Safetensors file '{path}': tensor '{entry.Name}' ({entry.DType}) holds {chunk[i]} at element {start + i}, which float32 " +
                        "cannot hold exactly; read it with SafeTensors.LoadIntegers, or drop it from the state dict before saving.");
                data[start + i] = value;
            }
        });

    /// <summary>Reads an integer tensor in chunks of 64-bit values, handing each to <paramref name="chunk"/> with its first index.</summary>
    private static void ForEachIntegerChunk(SafeFileHandle file, SafeTensorsEntry entry, long position, byte[] scratch, string path,
        IntegerChunk chunk)
    {
        int itemSize = entry.DType.ItemSize();
        var values = new long[Math.Min(ChunkElements, entry.ElementCount)];
        for (long start = 0; start < entry.ElementCount; start += ChunkElements)
        {
            int count = (int)Math.Min(ChunkElements, entry.ElementCount - start);
            var bytes = scratch.AsSpan(0, count * itemSize);
            FileRead.Exactly(file, bytes, position + itemSize * start, path);
            if (!LittleEndianElements.TryDecodeToInt64(entry.DType, bytes, values.AsSpan(0, count), out int bad))
                throw new NotSupportedException(
                    $"Safetensors file '{path}': tensor '{entry.Name}' ({entry.DType}) holds a value at element {start + bad} above the largest 64-bit signed integer.");
            chunk((int)start, values.AsSpan(0, count));
        }
    }

    private delegate void IntegerChunk(int start, ReadOnlySpan<long> values);

    private static NotSupportedException Unsupported(SafeTensorsEntry entry, string path) => new(
        $"Safetensors file '{path}': tensor '{entry.Name}' has dtype {entry.DType}, which is not supported; F32 is read as is, F64, F16 " +
        "and BF16 are converted to float32, and integer and boolean tensors are read as float32 where exact (or with SafeTensors.LoadIntegers).");
}
