using Recur.Data;
using Recur.Data.Images;
using Recur.Tests.Serialization;
using SkiaSharp;

namespace Recur.Tests.Data.Images;

/// <summary><see cref="GreyImageReader"/>: picture files as MNIST-style grey images, and the files it refuses.</summary>
public sealed class GreyImageReaderTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Writes a picture drawn by <paramref name="draw"/> on <paramref name="background"/>; returns its path.</summary>
    private string Picture(string name, int width, int height, SKColor background, Action<SKCanvas> draw,
        SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(background);
            draw(canvas);
        }
        using var data = bitmap.Encode(format, 100);
        File.WriteAllBytes(_dir.File(name), data.ToArray());
        return _dir.File(name);
    }

    private static void Square(SKCanvas canvas, SKColor color, float left, float top, float size) =>
        canvas.DrawRect(SKRect.Create(left, top, size, size), new SKPaint { Color = color });

    [Fact]
    public void Dark_ink_on_white_paper_is_inverted_to_bright_ink_on_black()
    {
        string path = Picture("ink.png", 28, 28, SKColors.White, c => Square(c, SKColors.Black, 10, 10, 8));

        var image = GreyImageReader.Read(path);

        Assert.True(image.Inverted);
        Assert.False(image.Resized);
        Assert.Equal((28, 28, 28, 28), (image.Rows, image.Columns, image.SourceWidth, image.SourceHeight));
        Assert.Equal(0, image.Pixels[0]);
        Assert.Equal(255, image.Pixels[14 * 28 + 14]);
        Assert.Equal(255, GreyImageReader.Read(path, new GreyImageOptions { Invert = InkInversion.Never }).Pixels[0]);
    }

    [Fact]
    public void Bright_ink_on_black_is_kept_unless_inversion_is_forced()
    {
        string path = Picture("bright.png", 28, 28, SKColors.Black, c => Square(c, new SKColor(200, 200, 200), 4, 4, 6));

        var image = GreyImageReader.Read(path);

        Assert.False(image.Inverted);
        Assert.Equal(0, image.Pixels[0]);
        Assert.Equal(200, image.Pixels[6 * 28 + 6]);
        Assert.Equal(55, GreyImageReader.Read(path, new GreyImageOptions { Invert = InkInversion.Always }).Pixels[6 * 28 + 6]);
    }

    [Fact]
    public void Colours_become_their_luminance_and_transparency_counts_as_white_paper()
    {
        string path = Picture("colour.png", 28, 28, SKColors.Transparent, c => Square(c, new SKColor(255, 0, 0), 0, 0, 2));

        var image = GreyImageReader.Read(path, new GreyImageOptions { Invert = InkInversion.Never });

        Assert.Equal(76, image.Pixels[0]);            // 0.299 · 255
        Assert.Equal(255, image.Pixels[27 * 28 + 27]); // transparent: white
        Assert.True(GreyImageReader.Read(path).Inverted);
    }

    [Fact]
    public void A_picture_of_another_size_is_refused_unless_resizing_is_asked_for()
    {
        string path = Picture("wide.png", 56, 28, SKColors.White, c => Square(c, SKColors.Black, 20, 6, 16));

        var error = Assert.Throws<ImageSizeException>(() => GreyImageReader.Read(path));
        Assert.Contains("wide.png", error.Message);
        Assert.Contains("56×28", error.Message);
        Assert.Contains("28×28", error.Message);
        Assert.Contains("GreyImageOptions.Resize", error.Message);
        Assert.Contains("pass --resize", error.Describe("or pass --resize to scale it"));

        var image = GreyImageReader.Read(path, new GreyImageOptions { Resize = true });

        // Half the size, centred: the picture fills rows 7 to 20, the square rows 10 to 17 and columns 10 to 17.
        Assert.True(image.Resized);
        Assert.Equal((56, 28), (image.SourceWidth, image.SourceHeight));
        Assert.All(image.Pixels[..(7 * 28)], p => Assert.Equal(0, p));
        Assert.True(image.Pixels[14 * 28 + 14] > 200);
        Assert.True(image.Pixels[14 * 28 + 3] < 30);
    }

    [Fact]
    public void A_thin_stroke_of_a_large_picture_fades_but_survives_the_scaling()
    {
        string path = Picture("large.png", 280, 280, SKColors.White, c => c.DrawLine(140, 20, 140, 260, new SKPaint { Color = SKColors.Black, StrokeWidth = 3 }));

        var image = GreyImageReader.Read(path, new GreyImageOptions { Resize = true });

        // 3 of 280 pixels is 0.3 of a pixel at 28: about 0.3 · 255 ≈ 77 of ink, shared by the two columns it straddles
        // (point sampling would give all or nothing).
        var row = image.Pixels.AsSpan(14 * 28, 28).ToArray();
        Assert.Equal(row.Sum(p => p), row[13] + row[14]);
        Assert.InRange(row[13] + row[14], 55, 100);
    }

    [Fact]
    public void Jpeg_pictures_are_read_as_well()
    {
        string path = Picture("ink.jpg", 28, 28, SKColors.White, c => Square(c, SKColors.Black, 8, 8, 12), SKEncodedImageFormat.Jpeg);

        var image = GreyImageReader.Read(path);

        Assert.True(image.Inverted);
        Assert.InRange(image.Pixels[14 * 28 + 14], 240, 255);
        Assert.InRange(image.Pixels[1 * 28 + 1], 0, 15);
    }

    [Fact]
    public void A_file_that_is_not_a_picture_is_refused_with_its_name()
    {
        File.WriteAllText(_dir.File("notes.png"), "these are not pixels\n");

        var error = Assert.Throws<DataFormatException>(() => GreyImageReader.Read(_dir.File("notes.png")));

        Assert.StartsWith(_dir.File("notes.png") + ": not a picture", error.Message);
        Assert.Throws<FileNotFoundException>(() => GreyImageReader.Read(_dir.File("missing.png")));
    }

    [Fact]
    public void A_truncated_picture_is_refused_rather_than_read_in_part()
    {
        // Noise compresses badly, so most of the file is pixel data and a cut lands inside it.
        var random = new Random(5);
        string whole = Picture("noise.png", 64, 64, SKColors.White, c =>
        {
            for (int i = 0; i < 2000; i++)
                c.DrawPoint(random.Next(64), random.Next(64), new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        });
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(_dir.File("cut.png"), bytes[..(bytes.Length * 2 / 3)]);

        var error = Assert.Throws<DataFormatException>(() => GreyImageReader.Read(_dir.File("cut.png"), new GreyImageOptions { Resize = true }));

        Assert.Contains("cut.png", error.Message);
        Assert.Contains("truncated", error.Message);
    }
}
