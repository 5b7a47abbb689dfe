using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Onnx;
using Recur.Tasks.Recipes;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur export --model DIR --onnx FILE</c>: the network of any recipe's checkpoint as an ONNX model, with dynamic
/// batch and sequence axes; a text model counts its lengths from its padding ids in the graph, as <c>recur predict</c>
/// reads them. The checkpoint's config (scalers, vocabulary, class names) goes into the model's metadata.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model's output directory (or its checkpoint folder), from recur forecast, updown, classify or images.", Required = true };
        var onnx = new Option<string>("--onnx") { Description = "The ONNX file to write.", Required = true };
        var opset = new Option<int>("--opset")
        {
            Description = $"The ONNX opset to write, {OnnxExport.MinimumOpset} to {OnnxExport.MaximumOpset}.",
            DefaultValueFactory = _ => OnnxExport.DefaultOpset,
        };
        opset.Validators.Add(result =>
        {
            // A value that is no number at all is the parser's error (named by ParseErrorWording); this checks the range.
            if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
                && value is < OnnxExport.MinimumOpset or > OnnxExport.MaximumOpset)
                result.AddError($"--opset must be a whole number from {OnnxExport.MinimumOpset} to {OnnxExport.MaximumOpset}.");
        });
        var command = new Command("export", "Export a trained model's network to ONNX (for ONNX Runtime and other runtimes).") { model, onnx, opset };
        command.SetAction(parse =>
        {
            var network = RecipeNetwork.Load(parse.GetValue(model)!);
            string path = parse.GetValue(onnx)!;
            var lengths = network.Padding is var (id, side) ? OnnxSequenceLengths.FromPaddingId(id, side) : null;
            var metadata = new Dictionary<string, string> { ["recur.recipe"] = network.Recipe, ["recur.config"] = network.Config.ToJsonString() };
            OnnxExport.Save(network.Network, network.SampleInput, path, parse.GetValue(opset), lengths, metadata);
            string input = network.Padding is null ? $"float [batch, steps, {network.SampleInput.Dim(-1)}]" : "int64 ids [batch, steps]";
            console.MarkupLineInterpolated($"wrote {path}: the {network.Recipe} model's network, ONNX opset {parse.GetValue(opset)}, input '{input}'");
            return 0;
        });
        return command;
    }
}
