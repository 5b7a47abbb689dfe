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

    /// <summary>
    /// Decodes <paramref name="destination"/>.Length integer or boolean elements of <paramref name="dtype"/> from
    /// <paramref name="source"/>; false (with the element's index) when a U64 value exceeds <see cref="long.MaxValue"/>.
    /// </summary>
    public static bool TryDecodeToInt64(SafeTensorsDType dtype, ReadOnlySpan<byte> source, Span<long> destination, out int bad)
    {
        bad = -1;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = dtype switch
            {
                SafeTensorsDType.BOOL => source[i] != 0 ? 1 : 0,
                SafeTensorsDType.U8 => source[i],
                SafeTensorsDType.I8 => (sbyte)source[i],
                SafeTensorsDType.I16 => BinaryPrimitives.ReadInt16LittleEndian(source.Slice(2 * i, 2)),
                SafeTensorsDType.U16 => BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2 * i, 2)),
                SafeTensorsDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(source.Slice(4 * i, 4)),
                SafeTensorsDType.U32 => BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(4 * i, 4)),
                SafeTensorsDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(source.Slice(8 * i, 8)),
                SafeTensorsDType.U64 when BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(8 * i, 8)) is var u && u <= long.MaxValue => (long)u,
                SafeTensorsDType.U64 => -1,
                _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Only integer and boolean dtypes are decoded here."),
            };
            if (dtype == SafeTensorsDType.U64 && destination[i] < 0)
            {
                bad = i;
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Writes <paramref name="source"/> as little-endian elements of <paramref name="dtype"/> (F32, F16 or BF16) into
    /// <paramref name="destination"/>, rounding to nearest even as PyTorch's <c>.half()</c> and <c>.bfloat16()</c> do.
    /// </summary>
    public static void Encode(SafeTensorsDType dtype, ReadOnlySpan<float> source, Span<byte> destination)
    {
        switch (dtype)
        {
            case SafeTensorsDType.F32:
                EncodeSingle(source, destination);
                break;
            case SafeTensorsDType.F16:
                for (int i = 0; i < source.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(destination.Slice(2 * i, 2), (Half)source[i]);
                break;
            case SafeTensorsDType.BF16:
                for (int i = 0; i < source.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(2 * i, 2), ToBFloat16(source[i]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Only F32, F16 and BF16 are encoded here.");
        }
    }

    /// <summary>
    /// float32 → bfloat16, rounding the dropped 16 bits to nearest, ties to even; every NaN becomes PyTorch's quiet NaN
    /// <c>0x7FC0</c>.
    /// </summary>
    public static ushort ToBFloat16(float value)
    {
        if (float.IsNaN(value)) return 0x7FC0;
        uint bits = BitConverter.SingleToUInt32Bits(value);
        return (ushort)((bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16);
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
