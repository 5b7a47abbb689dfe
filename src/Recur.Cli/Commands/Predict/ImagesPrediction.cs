using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Data.Images;
using Recur.Tasks.ImageRows;
using Spectre.Console;

namespace Recur.Cli.Commands.Predict;

/// <summary>
/// <c>recur predict --png FILE</c> or <c>--idx FILE --index N</c>: the class of one image from a model trained by
/// <c>recur images</c>, with its probability and the top 3.
/// </summary>
internal static class ImagesPrediction
{
    /// <summary>Loads the model, reads the picture or the IDX image, and prints the class, its probability and the top 3.</summary>
    public static int Run(IAnsiConsole console, IAnsiConsole errors, PredictRequest request)
    {
        string? png = request.Picture, idx = request.IdxFile;
        int? index = request.IdxIndex;
        if ((png is null) == (idx is null))
            throw new ArgumentException($"{request.ModelDirectory} holds an image model: give one picture with --png FILE, or an IDX file with --idx FILE --index N{(png is not null ? ", not both" : "")}.");
        if (idx is not null && index is null)
            throw new ArgumentException("--idx needs --index N: the 0-based image of the file to classify.");
        if (png is not null && index is not null)
            throw new ArgumentException("--index picks an image of an --idx file; a --png file holds one picture.");

        var predictor = ImagePredictor.Load(request.ModelDirectory);
        string source;
        ImagePrediction prediction;
        GreyImage? picture = null;
        if (png is not null)
        {
            (picture, prediction) = predictor.PredictPicture(png, request.Resize, request.Inversion);
            source = png;
        }
        else
        {
            prediction = predictor.PredictIdx(idx!, index!.Value);
            source = string.Create(CultureInfo.InvariantCulture, $"{idx} image {index}");
        }

        var top = prediction.Top(3);
        string[] notes = picture is not null && (picture.Inverted || picture.Resized)
            ? [$"the {picture.SourceWidth}×{picture.SourceHeight} picture was {string.Join(" and ", new[] { picture.Inverted ? "inverted (its background is light)" : null, picture.Resized ? $"scaled to {picture.Columns}×{picture.Rows}" : null }.OfType<string>())}."]
            : [];
        if (request.Json)
        {
            static JsonObject Entry(ClassProbability p) => new() { ["class"] = p.Class, ["name"] = p.Name, ["probability"] = p.Probability };
            console.Profile.Out.Writer.WriteLine(CommandJson.Format("predict", new JsonObject
            {
                ["recipe"] = ImageRowsConfig.RecipeName,
                ["source"] = source,
                ["class"] = prediction.Best.Class,
                ["name"] = prediction.Best.Name,
                ["probability"] = prediction.Best.Probability,
                ["top"] = new JsonArray(top.Select(p => (JsonNode?)Entry(p)).ToArray()),
                ["inverted"] = picture?.Inverted,
                ["resized"] = picture?.Resized,
            }, notes));
            return 0;
        }
        foreach (string note in notes) errors.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        console.MarkupLineInterpolated($"{source}: [bold]{prediction.Best.Name}[/] (class {prediction.Best.Class}), probability {Percent(prediction.Best.Probability)}");
        foreach (var p in top)
            console.MarkupLineInterpolated($"  {Percent(p.Probability),8}  {p.Class}  {p.Name}");
        return 0;
    }

    private static string Percent(float probability) => (100 * probability).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
