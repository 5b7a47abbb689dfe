using SkiaSharp;

namespace Recur.Tests.Cli;

/// <summary>Checks that a chart file a command wrote is a picture of the expected size with its lines drawn.</summary>
public static class ChartAssert
{
    /// <summary>
    /// <paramref name="path"/> decodes as a <paramref name="width"/> × <paramref name="height"/> picture holding at least
    /// <paramref name="series"/> distinct saturated colours (each line of a chart is drawn in its own palette colour; text,
    /// axes and grid are grey).
    /// </summary>
    public static void IsChart(string path, int width, int height, int series)
    {
        using var bitmap = SKBitmap.Decode(path);
        Assert.True(bitmap is not null, $"{path} does not decode as a picture.");
        Assert.True(bitmap.Width == width && bitmap.Height == height, $"{path} is {bitmap.Width}×{bitmap.Height}, expected {width}×{height}.");
        var colours = new HashSet<int>();
        foreach (var pixel in bitmap.Pixels)
        {
            int max = Math.Max(pixel.Red, Math.Max(pixel.Green, pixel.Blue)), min = Math.Min(pixel.Red, Math.Min(pixel.Green, pixel.Blue));
            // Coarse buckets: anti-aliased edges of one line fall in the bucket of its colour or a paler one, not a new hue.
            if (max - min > 80) colours.Add((pixel.Red >> 6) << 4 | (pixel.Green >> 6) << 2 | pixel.Blue >> 6);
        }
        Assert.True(colours.Count >= series, $"{path} holds {colours.Count} saturated colour(s), expected the lines of {series} series.");
    }
}
