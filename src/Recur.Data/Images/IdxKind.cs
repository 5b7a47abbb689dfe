namespace Recur.Data.Images;

/// <summary>The two IDX layouts MNIST-style datasets use, with the magic number that opens each file.</summary>
internal enum IdxKind
{
    /// <summary>Magic 0x00000801: unsigned bytes, one dimension (item count).</summary>
    Labels = 1,

    /// <summary>Magic 0x00000803: unsigned bytes, three dimensions (count, rows, columns).</summary>
    Images = 3,
}
