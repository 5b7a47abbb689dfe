using System.Text.Json.Nodes;
using Recur.Data.Text;
using Recur.Nn;
using Recur.Tasks.Forecasting;
using Recur.Tasks.ImageRows;
using Recur.Tasks.RiseClassification;
using Recur.Tasks.TextClassification;

namespace Recur.Tasks.Recipes;

/// <summary>
/// The trained network of any recipe's checkpoint with what a tool that takes the network elsewhere (ONNX export) needs
/// beside it: an input of the shape the network reads, how padded inputs carry their lengths, and the checkpoint's
/// config (scalers, vocabulary, class names — what turns raw data into that input).
/// </summary>
/// <param name="Recipe">The recipe that trained it (<c>forecast</c>, <c>updown</c>, <c>classify</c>, <c>images</c>).</param>
/// <param name="Network">The network in evaluation mode, weights loaded.</param>
/// <param name="SampleInput">One zero input of the network's shape: <c>[1, window, features]</c>, <c>[1, length]</c> ids, <c>[1, rows, columns]</c>.</param>
/// <param name="Padding">For a text model, the padding id and side its id rows have (its lengths are counted from them); else null.</param>
/// <param name="Config">The checkpoint's config.</param>
public sealed record RecipeNetwork(string Recipe, Layer Network, Tensor SampleInput, (int Id, SequenceSide Side)? Padding, JsonObject Config)
{
    /// <summary>Loads the network of the checkpoint in <paramref name="directory"/> (an output directory or its checkpoint folder), whichever recipe wrote it.</summary>
    /// <exception cref="InvalidDataException">No checkpoint there, one of a recipe without a network, or one that does not load.</exception>
    public static RecipeNetwork Load(string directory)
    {
        var (_, recipe) = RecipeCheckpoint.Locate(directory);
        switch (recipe)
        {
            case ForecastConfig.RecipeName:
            {
                var (config, network, _) = RecipeCheckpoint.LoadModel(directory, recipe, "a forecast model", ForecastConfig.FromJson, c => c.CreateNetwork(new Generator(0)), c => c.ParameterCount());
                return new(recipe, network, Tensor.Zeros(1, config.Options.Window, config.Options.Features.Count), null, config.ToJson());
            }
            case RiseConfig.RecipeName:
            {
                var (config, network, _) = RecipeCheckpoint.LoadModel(directory, recipe, "an up/down model", RiseConfig.FromJson, c => c.CreateNetwork(new Generator(0)), c => c.ParameterCount());
                return new(recipe, network, Tensor.Zeros(1, config.Options.Window, config.Features.Count), null, config.ToJson());
            }
            case TextClassifierConfig.RecipeName:
            {
                var (config, network, _) = RecipeCheckpoint.LoadModel(directory, recipe, "a text classifier", TextClassifierConfig.FromJson, c => c.Network.Create(new Generator(0)), c => c.Network.ParameterCount());
                var tokenization = config.Tokenization;
                return new(recipe, network, Tensor.Zeros(1, tokenization.MaxLength), (Vocabulary.PaddingId, tokenization.Padding), config.ToJson());
            }
            case ImageRowsConfig.RecipeName:
            {
                var (config, network, _) = RecipeCheckpoint.LoadModel(directory, recipe, "an image model", ImageRowsConfig.FromJson, c => c.CreateNetwork(new Generator(0)), c => c.ParameterCount());
                return new(recipe, network, Tensor.Zeros(1, config.Rows, config.Columns), null, config.ToJson());
            }
            default:
                throw new InvalidDataException($"{directory} holds a '{recipe}' model, which has no network to take out of Recur.");
        }
    }
}
