using Recur.Losses;
using Recur.Nn;
using Recur.Training;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// A recurrent language model, PyTorch's <c>word_language_model</c> <c>RNNModel</c> and Zaremba et al.'s network:
/// ids <c>[T, B]</c> (time-major, as <see cref="Data.Loading.LanguageModelBatches"/> gives them) → <c>encoder</c>
/// (Embedding) → dropout → <c>rnn</c> (a stack with dropout between layers) → dropout → <c>decoder</c> (Linear over the
/// vocabulary, or its bias alone when tied to the embedding). Every weight starts uniform in ±<c>initScale</c>, or, without
/// one, as each PyTorch layer starts (embedding N(0, 1); recurrent and output weights and biases U(±1/√H)). Training
/// and evaluation score the decoder's logits with <see cref="LinearCrossEntropyLoss"/>, which never materialises them.
/// </summary>
public sealed class LanguageModelNetwork : Module, IStatefulSequenceModel
{
    private readonly Generator _generator;
    private readonly Linear? _decoder;
    private readonly OutputBias? _tiedDecoder;
    private readonly LinearCrossEntropyLoss _loss = new();

    /// <summary>
    /// Builds the network with weights drawn from <paramref name="generator"/>, which also draws its dropout masks: every one
    /// uniform in ±<paramref name="initScale"/>, or with null each layer's PyTorch default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initScale"/> is not a positive number.</exception>
    public LanguageModelNetwork(LanguageModelArchitecture architecture, float? initScale, Generator generator)
    {
        Architecture = architecture ?? throw new ArgumentNullException(nameof(architecture));
        // Registered, so checkpoints save the stream its dropout masks come from (RandomStates).
        _generator = RegisterGenerator("generator", generator ?? throw new ArgumentNullException(nameof(generator)));
        if (initScale is not null and not (> 0f and < float.PositiveInfinity))
            throw new ArgumentOutOfRangeException(nameof(initScale), initScale, "LanguageModelNetwork: initScale must be a positive number (or null for PyTorch's defaults).");
        var a = architecture;
        Encoder = RegisterModule("encoder", new Embedding(a.VocabularySize, a.EmbeddingSize, generator: generator));
        Rnn = RegisterModule("rnn", RecurrentModules.Create(a.Kind, a.EmbeddingSize, a.Hidden, a.Layers, bidirectional: false, a.Dropout, generator,
            batchFirst: false));
        // A tied decoder's bias starts as the bias of PyTorch's Linear(H, V) it stands for.
        if (a.TieWeights) _tiedDecoder = RegisterModule("decoder", new OutputBias(a.VocabularySize, initScale ?? 1f / MathF.Sqrt(a.Hidden), generator));
        else _decoder = RegisterModule("decoder", new Linear(a.Hidden, a.VocabularySize, generator: generator));
        // Zaremba et al. start every weight, biases included, uniform in ±initScale.
        if (initScale is float scale)
            foreach (var parameter in Parameters())
                Tensor.Uniform(generator, -scale, scale, parameter.Shape).Span.CopyTo(parameter.Span);
    }

    /// <summary>The architecture.</summary>
    public LanguageModelArchitecture Architecture { get; }

    /// <summary>The token embedding <c>[V, E]</c>.</summary>
    public Embedding Encoder { get; }

    /// <summary>The recurrent stack, time-major.</summary>
    public RecurrentBase Rnn { get; }

    /// <summary>The output layer's weight <c>[V, H]</c>: its own, or the embedding's when tied.</summary>
    public Tensor DecoderWeight => _decoder?.Weight ?? Encoder.Weight;

    /// <summary>The output layer's bias <c>[V]</c>.</summary>
    public Tensor DecoderBias => _decoder?.Bias ?? _tiedDecoder!.Bias;

    /// <summary>The generator of the initial weights and the dropout masks.</summary>
    public Generator Generator => _generator;

    /// <inheritdoc/>
    public StatefulLoss Loss(Tensor inputs, Tensor targets, RecurrentState? state)
    {
        var (hidden, next) = Hidden(inputs, state);
        return new StatefulLoss(_loss.Forward(hidden, DecoderWeight, DecoderBias, targets), next);
    }

    /// <summary>The logits <c>[T·B, V]</c> of ids <c>[T, B]</c> read from <paramref name="state"/> (null: zeros), and the state at the end.</summary>
    public (Tensor Logits, RecurrentState State) Logits(Tensor inputs, RecurrentState? state)
    {
        var (hidden, next) = Hidden(inputs, state);
        return (Tensor.Linear(hidden, DecoderWeight, DecoderBias), next);
    }

    /// <summary>The last layer's outputs <c>[T·B, H]</c>, after dropout, and the final state.</summary>
    private (Tensor Hidden, RecurrentState State) Hidden(Tensor inputs, RecurrentState? state)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank != 2)
            throw new ArgumentException($"LanguageModelNetwork expects ids [T, B] but got {Tensor.ShapeText(inputs.Shape)}.", nameof(inputs));
        float p = Architecture.Dropout;
        var embedded = Encoder.Forward(inputs).Dropout(p, Training, _generator);
        var output = Rnn.Forward(embedded, state?.H, Rnn.HasCellState ? state?.C : null);
        var hidden = output.Output.Dropout(p, Training, _generator).Reshape(inputs.Size, Architecture.Hidden);
        return (hidden, RecurrentState.Of(output));
    }
}
