using SkiaSharp;

namespace Recur.Data.Images;

/// <summary>
/// Reads a picture file (PNG, JPEG, GIF, BMP, WebP — whatever SkiaSharp decodes) as a grey image the way the MNIST
/// datasets store theirs: luminance (ITU-R BT.601 weights; transparent parts count as white paper), inverted when asked
/// or when its border is light so that ink is bright on a dark background, and — when allowed — scaled to fit the
/// model's size with its proportions kept, centred on background.
/// </summary>
/// <remarks>
/// A file that is not a picture, or whose data is cut short, is a <see cref="DataFormatException"/> naming it; a picture
/// of another size without <see cref="GreyImageOptions.Resize"/> is an <see cref="ImageSizeException"/>.
/// </remarks>
public static class GreyImageReader
{
    /// <summary>Reads <paramref name="path"/> as <paramref name="options"/> say (28 × 28, no resizing, inversion by the border, by default).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not a picture SkiaSharp can decode, or its data is incomplete.</exception>
    /// <exception cref="ImageSizeException">The picture is not of the asked size and resizing is off.</exception>
    public static GreyImage Read(string path, GreyImageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new GreyImageOptions();
        if (options.Rows <= 0 || options.Columns <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"GreyImageOptions: rows and columns must be positive, got {options.Rows}×{options.Columns}.");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);

        var (grey, width, height) = Decode(path);
        bool invert = options.Invert switch
        {
            InkInversion.Always => true,
            InkInversion.Never => false,
            _ => BorderMean(grey, width, height) > 127.5,
        };
        if (invert)
            for (int i = 0; i < grey.Length; i++) grey[i] = (byte)(255 - grey[i]);

        if (width == options.Columns && height == options.Rows)
            return new GreyImage(options.Rows, options.Columns, grey, width, height, invert, Resized: false);
        if (!options.Resize)
            throw new ImageSizeException(path, width, height, options.Rows, options.Columns, canResize: true);
        return new GreyImage(options.Rows, options.Columns, Fit(grey, width, height, options.Rows, options.Columns), width, height, invert, Resized: true);
    }

    /// <summary>Decodes the file to one luminance byte per pixel, alpha composited over white.</summary>
    private static (byte[] Grey, int Width, int Height) Decode(string path)
    {
        using var codec = SKCodec.Create(path, out var opened);
        if (codec is null)
            throw new DataFormatException(path, null, null,
                $"not a picture that can be decoded (PNG, JPEG, GIF, BMP or WebP; the decoder says {Reason(opened)}).");
        int width = codec.Info.Width, height = codec.Info.Height;
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var decoded = codec.GetPixels(info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
            throw new DataFormatException(path, null, null, decoded == SKCodecResult.IncompleteInput
                ? $"the picture data ends early: the file is truncated or damaged ({width}×{height} pixels announced)."
                : $"the {width}×{height} picture cannot be decoded (the decoder says {Reason(decoded)}).");

        var rgba = bitmap.GetPixelSpan();
        int stride = bitmap.RowBytes;
        var grey = new byte[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int p = y * stride + 4 * x;
                double luminance = 0.299 * rgba[p] + 0.587 * rgba[p + 1] + 0.114 * rgba[p + 2];
                double alpha = rgba[p + 3] / 255.0;
                grey[y * width + x] = (byte)Math.Round(alpha * luminance + (1 - alpha) * 255);
            }
        return (grey, width, height);
    }

    /// <summary>The mean of the outermost ring of pixels: the paper's shade in a picture of one thing in the middle.</summary>
    private static double BorderMean(byte[] grey, int width, int height)
    {
        long sum = 0;
        int count = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                if (y != 0 && y != height - 1 && x != 0 && x != width - 1) continue;
                sum += grey[y * width + x];
                count++;
            }
        return (double)sum / count;
    }

    /// <summary>
    /// Scales the grey picture into <paramref name="rows"/> × <paramref name="columns"/>, proportions kept, centred on
    /// background (0). Mipmapped linear sampling averages the pixels a target pixel covers, so thin strokes of a large
    /// picture fade rather than vanish.
    /// </summary>
    private static byte[] Fit(byte[] grey, int width, int height, int rows, int columns)
    {
        using var source = SKImage.FromPixelCopy(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque), grey);
        var targetInfo = new SKImageInfo(columns, rows, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var target = new SKBitmap(targetInfo);
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.Black);
            float scale = Math.Min((float)columns / width, (float)rows / height);
            float w = width * scale, h = height * scale;
            var destination = SKRect.Create((columns - w) / 2, (rows - h) / 2, w, h);
            canvas.DrawImage(source, destination, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        var rgba = target.GetPixelSpan();
        var result = new byte[rows * columns];
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < columns; x++)
                result[y * columns + x] = rgba[y * target.RowBytes + 4 * x];
        return result;
    }

    private static string Reason(SKCodecResult result) => result switch
    {
        SKCodecResult.Unimplemented => "the format is not supported",
        SKCodecResult.IncompleteInput => "the data ends early",
        SKCodecResult.InvalidInput => "the data is invalid",
        SKCodecResult.ErrorInInput => "the data has errors",
        _ => result.ToString(),
    };
}
