namespace Recur.Data.Images;

/// <summary>
/// Reads IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST (<c>*-images-idx3-ubyte</c>,
/// <c>*-labels-idx1-ubyte</c>), raw or gzip-compressed (recognised by the gzip magic 1f 8b, whatever the name).
/// </summary>
/// <remarks>
/// Every file is checked: the magic number (0x00000803 for images, 0x00000801 for labels), the dimension sizes,
/// and the file's length against the header — a truncated file, or one with bytes beyond what the header
/// describes, is a <see cref="DataFormatException"/> naming the file with the expected and actual sizes. IDX files
/// have no lines, so errors give byte offsets (counting unpacked bytes for gzip files) in the message.
/// </remarks>
public static class IdxReader
{
    /// <summary>Reads an IDX images file (magic 0x00000803).</summary>
    /// <param name="path">The file, raw or gzip.</param>
    /// <param name="limit">Read only the first <paramref name="limit"/> images (for quick runs); the rest of the
    /// file is then not read, so its length is checked only up to them.</param>
    public static IdxImages ReadImages(string path, int? limit = null) => ReadImages(path, limit, out _);

    /// <summary>Reads an IDX labels file (magic 0x00000801): one byte per item.</summary>
    /// <param name="path">The file, raw or gzip.</param>
    /// <param name="limit">Read only the first <paramref name="limit"/> labels; the rest of the file is then not read.</param>
    public static byte[] ReadLabels(string path, int? limit = null) => ReadLabels(path, limit, out _, out _);

    /// <summary><see cref="ReadImages(string, int?)"/>, also giving the image count the header declares.</summary>
    internal static IdxImages ReadImages(string path, int? limit, out int countInFile)
    {
        var (header, data, _) = Read(path, IdxKind.Images, limit);
        countInFile = header.Count;
        return new IdxImages(data.Length / (int)header.ItemBytes, header.Dimensions[1], header.Dimensions[2], data);
    }

    /// <summary>
    /// <see cref="ReadLabels(string, int?)"/>, also giving the label count the header declares and whether the file
    /// is gzip (so that byte offsets in later messages can say they count unpacked bytes).
    /// </summary>
    internal static byte[] ReadLabels(string path, int? limit, out int countInFile, out bool compressed)
    {
        var (header, data, gzip) = Read(path, IdxKind.Labels, limit);
        countInFile = header.Count;
        compressed = gzip;
        return data;
    }

    private static (IdxHeader Header, byte[] Data, bool Compressed) Read(string path, IdxKind kind, int? limit)
    {
        if (limit is < 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "must not be negative");
        using var source = IdxSource.Open(path);
        var header = IdxHeader.Read(source, kind);
        int count = limit is int l ? Math.Min(l, header.Count) : header.Count;
        var data = new byte[count * header.ItemBytes];
        source.ReadExactly(data, $"{Promise(header)}, {header.TotalBytes:N0} bytes in all{source.Unpacked}");
        if (count == header.Count)
        {
            long extra = source.CountRemaining();
            if (extra > 0)
                throw source.Error($"the file is longer than its header says: {Promise(header)}, {header.TotalBytes:N0} bytes in all{source.Unpacked}, " +
                                   $"but it holds {header.TotalBytes + extra:N0}; the sizes in the header may be wrong.");
        }
        return (header, data, source.Compressed);
    }

    private static string Promise(IdxHeader header) => header.Kind == IdxKind.Images
        ? $"the header promises {header.Count:N0} images of {header.Dimensions[1]}×{header.Dimensions[2]}"
        : $"the header promises {header.Count:N0} labels";
}
