namespace Recur.Data.Images;

/// <summary>
/// Grey images as an IDX images file stores them: <see cref="Count"/> images of <see cref="Rows"/> ×
/// <see cref="Columns"/> unsigned bytes (0 = background, 255 = full ink), row-major, image after image.
/// </summary>
public sealed class IdxImages
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied); its length must be <c>count · rows · columns</c>.</summary>
    public IdxImages(int count, int rows, int columns, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if ((long)count * rows * columns != pixels.Length)
            throw new ArgumentException($"{count} images of {rows}×{columns} need {(long)count * rows * columns:N0} bytes but got {pixels.Length:N0}.", nameof(pixels));
        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Pixel rows per image (28 for MNIST).</summary>
    public int Rows { get; }

    /// <summary>Pixel columns per image (28 for MNIST).</summary>
    public int Columns { get; }

    /// <summary>All pixels, <c>[Count, Rows, Columns]</c> row-major.</summary>
    public byte[] Pixels { get; }
}
