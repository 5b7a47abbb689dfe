using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Recur.Serialization;

/// <summary>
/// Converts between the little-endian element bytes of a safetensors file and float32. On little-endian hosts
/// (x64, arm64) F32 needs no work and F16 converts vectorized; big-endian hosts swap bytes first.
/// </summary>
internal static class LittleEndianElements
{
    /// <summary>
    /// Fixes float32 values just read as raw file bytes into <paramref name="values"/>: a no-op on little-endian hosts,
    /// a byte swap of each element on big-endian ones.
    /// </summary>
    public static void FromLittleEndianInPlace(Span<float> values)
    {
        if (BitConverter.IsLittleEndian) return;
        var bits = MemoryMarshal.Cast<float, int>(values);
        BinaryPrimitives.ReverseEndianness(bits, bits);
    }

    /// <summary>
    /// Decodes <paramref name="destination"/>.Length elements of <paramref name="dtype"/> (F64, F16 or BF16) from
    /// <paramref name="source"/> into float32. F64 rounds to nearest; F16 and BF16 convert exactly.
    /// </summary>
    public static void DecodeToSingle(SafeTensorsDType dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        int n = destination.Length;
        switch (dtype)
        {
            case SafeTensorsDType.F64:
                for (int i = 0; i < n; i++)
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source.Slice(8 * i, 8));
                break;
            case SafeTensorsDType.F16 when BitConverter.IsLittleEndian:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(source[..(2 * n)]), destination);
                break;
            case SafeTensorsDType.F16:
                for (int i = 0; i < n; i++)
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source.Slice(2 * i, 2));
                break;
            case SafeTensorsDType.BF16:
                // bfloat16 is the top half of a float32: shift its 16 bits up, the dropped mantissa bits are zero.
                for (int i = 0; i < n; i++)
                    destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2 * i, 2)) << 16);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Only F64, F16 and BF16 are decoded here.");
        }
    }

    /// <summary>Writes <paramref name="source"/> as little-endian float32 bytes into <paramref name="destination"/>.</summary>
    public static void EncodeSingle(ReadOnlySpan<float> source, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(source).CopyTo(destination);
            return;
        }
        var bits = MemoryMarshal.Cast<float, int>(source);
        BinaryPrimitives.ReverseEndianness(bits, MemoryMarshal.Cast<byte, int>(destination[..(4 * source.Length)]));
    }
}
