using Recur.Nn;
using Recur.Tasks.Recipes;

namespace Recur.Tasks.TextClassification;

/// <summary>A trained text classifier loaded from its checkpoint alone, classifying new texts as training read them.</summary>
public sealed class TextClassifierPredictor
{
    private readonly Sequential _network;

    private TextClassifierPredictor(TextClassifierConfig config, Sequential network, int epoch)
    {
        Config = config;
        _network = network;
        Epoch = epoch;
    }

    /// <summary>The classes, tokenization and architecture the model was trained with.</summary>
    public TextClassifierConfig Config { get; }

    /// <summary>Epochs the model was trained for.</summary>
    public int Epoch { get; }

    /// <summary>Loads a model from a <c>recur classify</c> output directory or its checkpoint folder.</summary>
    /// <exception cref="InvalidDataException">The directory holds no classifier checkpoint, or a corrupt or incompatible one.</exception>
    public static TextClassifierPredictor Load(string directory)
    {
        var (config, network, epoch) = RecipeCheckpoint.LoadModel(directory, TextClassifierConfig.RecipeName, "a text classifier",
            TextClassifierConfig.FromJson, c => c.Network.Create(new Generator(0)), c => c.Network.ParameterCount());
        return new TextClassifierPredictor(config, network, epoch);
    }

    /// <summary>The class and class probabilities of each text.</summary>
    public IReadOnlyList<TextPrediction> Predict(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return [];
        var padded = Config.Tokenization.Encode(texts);
        var predictions = ClassProbabilities.Of(TextClassifier.Logits(_network, padded.ToTensor(), padded.Lengths), Config.ClassNames.Count);
        var result = new TextPrediction[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            int label = predictions.PredictedClasses[i];
            var p = Enumerable.Range(0, predictions.Classes).Select(c => predictions[i, c]).ToArray();
            result[i] = new TextPrediction(texts[i], label, Config.ClassNames[label], p);
        }
        return result;
    }
}
