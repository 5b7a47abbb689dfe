using System.CommandLine;
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
internal sealed class ImagesPredictRecipe(IAnsiConsole console) : IPredictRecipe
{
    private readonly Option<string?> _png = new("--png") { Description = "Image models: a picture to classify (PNG, JPEG, …; grey or colour, inverted when its background is light)." };
    private readonly Option<string?> _idx = new("--idx") { Description = "Image models: an IDX images file (raw or gzip) to take an image from, with --index." };
    private readonly Option<int?> _index = new("--index") { Description = "Image models: the 0-based image of the --idx file." };
    private readonly Option<bool> _resize = new("--resize") { Description = "Image models: scale a picture of another size to the model's (proportions kept, centred)." };
    private readonly Option<string> _invert = InvertOption();

    public string Recipe => ImageRowsConfig.RecipeName;

    public string TrainedBy => "recur images";

    public IReadOnlyList<Option> Options => [_png, _idx, _index, _resize, _invert];

    public string Usage => "--png FILE, or --idx FILE --index N";

    public int Run(ParseResult parse, string modelDirectory, bool json)
    {
        string? png = parse.GetValue(_png), idx = parse.GetValue(_idx);
        int? index = parse.GetValue(_index);
        if ((png is null) == (idx is null))
            throw new ArgumentException($"{modelDirectory} holds an image model: give one picture with --png FILE, or an IDX file with --idx FILE --index N{(png is not null ? ", not both" : "")}.");
        if (idx is not null && index is null)
            throw new ArgumentException("--idx needs --index N: the 0-based image of the file to classify.");
        if (png is not null && index is not null)
            throw new ArgumentException("--index picks an image of an --idx file; a --png file holds one picture.");

        var predictor = ImagePredictor.Load(modelDirectory);
        string source;
        ImagePrediction prediction;
        GreyImage? picture = null;
        if (png is not null)
        {
            var invert = parse.GetValue(_invert) switch { "yes" => InkInversion.Always, "no" => InkInversion.Never, _ => InkInversion.Auto };
            (picture, prediction) = predictor.PredictPicture(png, parse.GetValue(_resize), invert);
            source = png;
        }
        else
        {
            prediction = predictor.PredictIdx(idx!, index!.Value);
            source = string.Create(CultureInfo.InvariantCulture, $"{idx} image {index}");
        }

        var top = prediction.Top(3);
        if (json)
        {
            static JsonObject Entry(ClassProbability p) => new() { ["class"] = p.Class, ["name"] = p.Name, ["probability"] = p.Probability };
            console.Profile.Out.Writer.WriteLine(new JsonObject
            {
                ["source"] = source,
                ["class"] = prediction.Best.Class,
                ["name"] = prediction.Best.Name,
                ["probability"] = prediction.Best.Probability,
                ["top"] = new JsonArray(top.Select(p => (JsonNode?)Entry(p)).ToArray()),
                ["inverted"] = picture?.Inverted,
                ["resized"] = picture?.Resized,
            }.ToJsonString());
            return 0;
        }
        if (picture is not null && (picture.Inverted || picture.Resized))
            console.MarkupLineInterpolated($"[yellow]note:[/] the {picture.SourceWidth}×{picture.SourceHeight} picture was {string.Join(" and ", new[] { picture.Inverted ? "inverted (its background is light)" : null, picture.Resized ? $"scaled to {picture.Columns}×{picture.Rows}" : null }.OfType<string>())}.");
        console.MarkupLineInterpolated($"{source}: [bold]{prediction.Best.Name}[/] (class {prediction.Best.Class}), probability {Percent(prediction.Best.Probability)}");
        foreach (var p in top)
            console.MarkupLineInterpolated($"  {Percent(p.Probability),8}  {p.Class}  {p.Name}");
        return 0;
    }

    private static Option<string> InvertOption()
    {
        var option = new Option<string>("--invert") { Description = "Image models: invert the picture to bright ink on dark: auto (when its border is light), yes or no.", DefaultValueFactory = _ => "auto" };
        option.AcceptOnlyFromAmong("auto", "yes", "no");
        return option;
    }

    private static string Percent(float probability) => (100 * probability).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
