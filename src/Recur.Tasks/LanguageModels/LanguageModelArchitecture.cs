using System.Text.Json.Nodes;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// The architecture of a language model — enough to build it again from a checkpoint alone:
/// <c>Embedding(V, E) → Dropout → RNN | LSTM | GRU(E, H, L, dropout between layers) → Dropout → Linear(H, V)</c>,
/// the output layer sharing the embedding's matrix when <paramref name="TieWeights"/>.
/// </summary>
/// <param name="Kind">The recurrent layer.</param>
/// <param name="VocabularySize">Ids of the vocabulary: rows of the embedding and outputs of the last layer.</param>
/// <param name="EmbeddingSize">Width of the embedding.</param>
/// <param name="Hidden">Hidden units per layer.</param>
/// <param name="Layers">Stacked layers.</param>
/// <param name="Dropout">Dropout on the non-recurrent connections.</param>
/// <param name="TieWeights">Whether the output layer uses the embedding's matrix.</param>
public sealed record LanguageModelArchitecture(RecurrentKind Kind, int VocabularySize, int EmbeddingSize, int Hidden, int Layers, float Dropout, bool TieWeights)
{
    /// <summary>The architecture <paramref name="options"/> ask for over a vocabulary of <paramref name="vocabularySize"/> ids.</summary>
    public static LanguageModelArchitecture From(LanguageModelOptions options, int vocabularySize) =>
        new(options.Model, vocabularySize, options.EmbeddingWidth, options.Hidden, options.Layers, options.Dropout, options.TieWeights);

    /// <summary>
    /// The parameters <see cref="LanguageModelNetwork"/> makes for this architecture, counted without making them: the
    /// embedding, the recurrent stack (two biases per layer, as PyTorch's), and the decoder (its bias alone when tied).
    /// </summary>
    public long ParameterCount()
    {
        long vocabulary = VocabularySize;
        long decoder = TieWeights ? vocabulary : (long)Hidden * vocabulary + vocabulary;
        return vocabulary * EmbeddingSize + RecurrentModules.CountParameters(Kind, EmbeddingSize, Hidden, Layers, bidirectional: false) + decoder;
    }

    /// <summary>The architecture as checkpoint JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind.ToString().ToLowerInvariant(),
        ["vocabulary_size"] = VocabularySize,
        ["embedding"] = EmbeddingSize,
        ["hidden"] = Hidden,
        ["layers"] = Layers,
        ["dropout"] = Dropout,
        ["tie_weights"] = TieWeights,
    };

    /// <summary>Reads <see cref="ToJson"/>'s output; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">A field is missing, malformed or out of range.</exception>
    public static LanguageModelArchitecture FromJson(JsonObject json, string source)
    {
        try
        {
            var architecture = new LanguageModelArchitecture(ConfigJson.Kind(json, "kind", source),
                ConfigJson.Required(json, "vocabulary_size", source).GetValue<int>(), ConfigJson.Required(json, "embedding", source).GetValue<int>(),
                ConfigJson.Required(json, "hidden", source).GetValue<int>(), ConfigJson.Required(json, "layers", source).GetValue<int>(),
                ConfigJson.Required(json, "dropout", source).GetValue<float>(), ConfigJson.Required(json, "tie_weights", source).GetValue<bool>());
            // A checkpoint is data: sizes are checked before anything is allocated from them.
            if (architecture.VocabularySize is < 3 or > 1 << 24 || architecture.EmbeddingSize is < 1 or > 8192 || architecture.Hidden is < 1 or > 8192
                || architecture.Layers is < 1 or > 64 || !(architecture.Dropout >= 0 && architecture.Dropout < 1)
                || (long)architecture.VocabularySize * Math.Max(architecture.EmbeddingSize, architecture.Hidden) > 1L << 28
                || architecture.TieWeights && architecture.EmbeddingSize != architecture.Hidden)
                throw new FormatException("a size is out of range");
            return architecture;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{source}: the model description is incomplete or malformed ({e.Message}).", e);
        }
    }
}
