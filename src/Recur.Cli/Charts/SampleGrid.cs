using System.Globalization;
using Recur.Tasks.ImageRows;
using SkiaSharp;

namespace Recur.Cli.Charts;

/// <summary>
/// <c>samples.png</c>: a grid of test images, each with its predicted and true class; mistakes get a red frame and red
/// text. The first rows show the first test images as they come, the last row further mistakes, so that a run with few
/// errors still shows some. Drawn with SkiaSharp (pixels, not a chart), in ScottPlot's default font.
/// </summary>
internal static class SampleGrid
{
    private const int Columns = 10, Rows = 4, Scale = 3, Cell = 28 * Scale, LabelHeight = 34, Padding = 12, TitleHeight = 36;

    /// <summary>The PNG bytes of the grid for <paramref name="result"/>'s test images.</summary>
    public static byte[] Draw(ImageRowsResult result)
    {
        var test = result.Test;
        int cellWidth = Cell + 2 * Padding, cellHeight = Cell + LabelHeight + Padding;
        var info = new SKImageInfo(Columns * cellWidth, TitleHeight + Rows * cellHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = ScottPlot.Fonts.GetTypeface(ScottPlot.Fonts.Default, bold: false, italic: false);
        using var font = new SKFont(typeface, 13);
        using var titleFont = new SKFont(typeface, 17);
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var red = new SKPaint { Color = new SKColor(200, 0, 0), IsAntialias = true };
        using var frame = new SKPaint { Color = new SKColor(200, 0, 0), Style = SKPaintStyle.Stroke, StrokeWidth = 3 };

        var shown = Chosen(result);
        int mistakes = shown.Count(i => result.Predicted[i] != test.Labels[i]);
        canvas.DrawText(Ascii($"Test images: predicted / true class ({mistakes} of {shown.Count} shown are mistakes, framed in red; the last row shows further mistakes)"),
            Padding, 24, SKTextAlign.Left, titleFont, black);
        int size = test.Rows * test.Columns;
        for (int k = 0; k < shown.Count; k++)
        {
            int i = shown[k];
            float left = k % Columns * cellWidth + Padding, top = TitleHeight + k / Columns * cellHeight;
            using (var image = Picture(test.Image(i), test.Rows, test.Columns))
                canvas.DrawImage(image, SKRect.Create(left, top, Cell, Cell), new SKSamplingOptions(SKFilterMode.Nearest));
            bool wrong = result.Predicted[i] != test.Labels[i];
            if (wrong) canvas.DrawRect(SKRect.Create(left - 2, top - 2, Cell + 4, Cell + 4), frame);
            var paint = wrong ? red : black;
            float middle = left + Cell / 2f;
            canvas.DrawText(Ascii(result.ClassNames[result.Predicted[i]]) + string.Create(CultureInfo.InvariantCulture, $" {100 * result.Confidence[i]:0}%"),
                middle, top + Cell + 14, SKTextAlign.Center, font, paint);
            canvas.DrawText("true: " + Ascii(result.ClassNames[test.Labels[i]]), middle, top + Cell + 29, SKTextAlign.Center, font, paint);
        }
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The first test images for all rows but the last, then mistakes not shown yet (then more images if there are none).</summary>
    private static List<int> Chosen(ImageRowsResult result)
    {
        int count = Math.Min(Columns * Rows, result.Test.Count);
        var shown = Enumerable.Range(0, Math.Min(Columns * (Rows - 1), count)).ToList();
        var labels = result.Test.Labels;
        for (int i = shown.Count; i < result.Test.Count && shown.Count < count; i++)
            if (result.Predicted[i] != labels[i]) shown.Add(i);
        var taken = shown.ToHashSet();
        for (int i = 0; i < result.Test.Count && shown.Count < count; i++)
            if (taken.Add(i)) shown.Add(i);
        return shown;
    }

    /// <summary>The dataset's grey pixels drawn as the eye expects them: dark ink on a light background.</summary>
    private static SKImage Picture(ReadOnlySpan<byte> pixels, int rows, int columns)
    {
        var inverted = new byte[pixels.Length];
        for (int p = 0; p < pixels.Length; p++) inverted[p] = (byte)(255 - pixels[p]);
        return SKImage.FromPixelCopy(new SKImageInfo(columns, rows, SKColorType.Gray8, SKAlphaType.Opaque), inverted);
    }

    private static string Ascii(string text) => text.All(c => c < 128) ? text : "class";
}
