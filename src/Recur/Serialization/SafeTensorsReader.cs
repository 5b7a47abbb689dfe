using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Recur.Serialization;

/// <summary>Reads the tensors a checked <see cref="SafeTensorsHeader"/> describes, as float32.</summary>
internal static class SafeTensorsReader
{
    // Elements read per call: 1 MB of F32, small enough that the scratch buffer for conversions stays modest and
    // that byte spans never approach the 2 GB span limit.
    private const int ChunkElements = 1 << 18;

    /// <summary>
    /// Reads every tensor of <paramref name="header"/> from <paramref name="file"/>, in header order. F32 bytes go
    /// straight into the tensor's storage; F64, F16 and BF16 are converted. Any other dtype is rejected before reading.
    /// </summary>
    public static Dictionary<string, Tensor> ReadAll(SafeFileHandle file, SafeTensorsHeader header, string path)
    {
        foreach (var entry in header.Entries)
            if (!entry.DType.IsReadable())
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
                    ReadConverted(file, entry.DType, data, position, scratch, path);
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

    private static NotSupportedException Unsupported(SafeTensorsEntry entry, string path)
    {
        string why = entry.DType.IsIntegerOrBool()
            ? "integer and boolean tensors cannot become Recur's float32 tensors (drop such entries, e.g. BatchNorm's " +
              "num_batches_tracked, from the state dict before saving)"
            : "Recur has no conversion for it";
        return new NotSupportedException(
            $"Safetensors file '{path}': tensor '{entry.Name}' has dtype {entry.DType}, which is not supported; " +
            $"only F32 is read as is, and F64, F16 and BF16 are converted to float32 — {why}.");
    }
}
