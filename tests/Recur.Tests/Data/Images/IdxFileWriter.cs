using System.Buffers.Binary;
using System.IO.Compression;

namespace Recur.Tests.Data.Images;

/// <summary>Writes small hand-made IDX files, well-formed or deliberately broken, raw or gzip.</summary>
internal static class IdxFileWriter
{
    /// <summary>The bytes of an IDX file: the magic number, the dimension sizes (big-endian) and the data.</summary>
    public static byte[] Bytes(uint magic, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (int d = 0; d < dimensions.Length; d++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * d), (uint)dimensions[d]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    /// <summary>Images 0x00000803 of <paramref name="rows"/> × <paramref name="columns"/>; pixel k of the file is k mod 256.</summary>
    public static byte[] Images(int count, int rows, int columns) =>
        Bytes(0x0803, [count, rows, columns], Enumerable.Range(0, count * rows * columns).Select(k => (byte)k).ToArray());

    /// <summary>Labels 0x00000801.</summary>
    public static byte[] Labels(params byte[] labels) => Bytes(0x0801, [labels.Length], labels);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, gzip-compressed when asked; returns the path.</summary>
    public static string Write(string path, byte[] bytes, bool gzip = false)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }
        using (var file = File.Create(path))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
            zip.Write(bytes);
        return path;
    }
}
