namespace Recur.Data.Images;

/// <summary>
/// A picture or an IDX file whose images are not of the size a model reads. The message names the file and both sizes
/// and says how to scale it with the library's setting; <see cref="Describe"/> phrases the remedy in a caller's words.
/// </summary>
public sealed class ImageSizeException : DataFormatException
{
    /// <summary>Creates the exception for a picture of <paramref name="width"/> × <paramref name="height"/> in <paramref name="file"/>.</summary>
    public ImageSizeException(string file, int width, int height, int rows, int columns, bool canResize)
        : base(file, null, null, Advise(Issue(width, height, rows, columns), canResize ? "or set GreyImageOptions.Resize to scale it" : null))
    {
        Width = width;
        Height = height;
        Rows = rows;
        Columns = columns;
        CanResize = canResize;
    }

    /// <summary>The width of the images found.</summary>
    public int Width { get; }

    /// <summary>The height of the images found.</summary>
    public int Height { get; }

    /// <summary>The rows the model reads.</summary>
    public int Rows { get; }

    /// <summary>The columns the model reads.</summary>
    public int Columns { get; }

    /// <summary>True when the reader can scale it (a picture file), false when it cannot (an IDX file).</summary>
    public bool CanResize { get; }

    /// <summary>The message with the remedy in the caller's words (null: none), e.g. "or pass --resize to scale it".</summary>
    public string Describe(string? remedy) => $"{Location}: {Advise(Issue(Width, Height, Rows, Columns), CanResize ? remedy : null)}";

    private static string Issue(int width, int height, int rows, int columns) =>
        $"the image is {width}×{height} pixels but the model reads {columns}×{rows}; scale it to {columns}×{rows}";

    private static string Advise(string issue, string? remedy) => remedy is null ? issue + "." : $"{issue} {remedy}.";
}
