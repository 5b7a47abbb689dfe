using System.Buffers.Binary;

namespace Recur.Data.Images;

/// <summary>
/// The header of an IDX file of unsigned bytes: the magic number <c>00 00 08 nd</c> (big-endian) followed by
/// <c>nd</c> big-endian 32-bit dimension sizes.
/// </summary>
internal readonly record struct IdxHeader(IdxKind Kind, int[] Dimensions)
{
    /// <summary>Bytes taken by the header: 4 for the magic number and 4 per dimension.</summary>
    public int ByteCount => 4 + 4 * Dimensions.Length;

    /// <summary>Items in the file (the first dimension).</summary>
    public int Count => Dimensions[0];

    /// <summary>Bytes per item: the product of the dimensions after the first.</summary>
    public long ItemBytes
    {
        get
        {
            long bytes = 1;
            for (int d = 1; d < Dimensions.Length; d++) bytes *= Dimensions[d];
            return bytes;
        }
    }

    /// <summary>Header plus data: the size a complete file has.</summary>
    public long TotalBytes => ByteCount + Count * ItemBytes;

    /// <summary>Reads and checks the header of a file that must hold <paramref name="kind"/>.</summary>
    public static IdxHeader Read(IdxSource source, IdxKind kind)
    {
        int dimensions = (int)kind;
        Span<byte> bytes = stackalloc byte[4 + 4 * 3];
        bytes = bytes[..(4 + 4 * dimensions)];
        string what = kind == IdxKind.Images ? "images" : "labels";
        uint expectedMagic = 0x0800u | (uint)dimensions;

        string headerSize = $"an IDX {what} file starts with a header of {bytes.Length} bytes";
        source.ReadExactly(bytes[..4], headerSize);
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (magic != expectedMagic)
            throw source.Error($"magic number 0x{magic:X8} at byte offset 0{source.Unpacked} is not 0x{expectedMagic:X8} " +
                               $"(IDX {what}: unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")}){MagicHint(magic, kind)}.");

        source.ReadExactly(bytes[4..], headerSize);
        var sizes = new int[dimensions];
        string[] names = kind == IdxKind.Images ? ["image count", "row count", "column count"] : ["label count"];
        for (int d = 0; d < dimensions; d++)
        {
            int offset = 4 + 4 * d;
            uint size = BinaryPrimitives.ReadUInt32BigEndian(bytes[offset..]);
            if (size > int.MaxValue || (d > 0 && size == 0))
                throw source.Error($"the {names[d]} {size} at byte offset {offset}{source.Unpacked} is not a usable size.");
            sizes[d] = (int)size;
        }

        var header = new IdxHeader(kind, sizes);
        long dataBytes = header.Count * header.ItemBytes;
        if (dataBytes > Array.MaxLength)
            throw source.Error($"the header describes {dataBytes:N0} bytes of {what}, more than one array can hold ({Array.MaxLength:N0}).");
        return header;
    }

    /// <summary>A hint for the common mistakes: the other kind of IDX file, or a file that is not IDX at all.</summary>
    private static string MagicHint(uint magic, IdxKind expected)
    {
        if (magic >> 16 != 0) return "; this is not an IDX file";
        if (magic == 0x0801 && expected == IdxKind.Images) return "; this looks like a labels file, pass it as the labels";
        if (magic == 0x0803 && expected == IdxKind.Labels) return "; this looks like an images file, pass it as the images";
        uint type = (magic >> 8) & 0xFF;
        if (type != 0x08) return $"; element type 0x{type:X2} is not unsigned bytes (0x08), the only type MNIST files use";
        return $"; the header says {magic & 0xFF} dimensions";
    }
}
