namespace Recur.Data.Images;

/// <summary>
/// A picture read by <see cref="GreyImageReader"/>: grey pixels as the datasets store them (0 = background, 255 = full
/// ink), and what was done to it.
/// </summary>
/// <param name="Rows">Pixel rows.</param>
/// <param name="Columns">Pixel columns.</param>
/// <param name="Pixels">The pixels, <c>[Rows · Columns]</c> row-major.</param>
/// <param name="SourceWidth">The picture's width in the file.</param>
/// <param name="SourceHeight">The picture's height in the file.</param>
/// <param name="Inverted">True when the picture was inverted (dark ink on a light background became bright on dark).</param>
/// <param name="Resized">True when the picture was scaled to fit.</param>
public sealed record GreyImage(int Rows, int Columns, byte[] Pixels, int SourceWidth, int SourceHeight, bool Inverted, bool Resized);
