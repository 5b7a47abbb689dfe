using Recur.Nn.Recurrent;

namespace Recur.Nn;

/// <summary>
/// What <see cref="RNN"/>, <see cref="LSTM"/> and <see cref="GRU"/> share: PyTorch's constructor arguments, parameter
/// names and layouts (<c>weight_ih_l{k}</c> <c>[G·H, in]</c>, <c>weight_hh_l{k}</c> <c>[G·H, H]</c>, <c>bias_ih_l{k}</c>,
/// <c>bias_hh_l{k}</c>, suffix <c>_reverse</c> for the backward direction), initialisation U(−1/√H, 1/√H), and the
/// driver that runs the whole stack as one autograd node.
/// </summary>
public abstract class RecurrentBase : Module
{
    private readonly RecurrentStack _stack;
    private readonly DirectionParameters[] _parameters;
    private readonly Generator _generator;

    private protected RecurrentBase(string name, CellMath cell, int inputSize, int hiddenSize, int numLayers, bool bias, bool batchFirst,
        float dropout, bool bidirectional, Generator? generator)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"{name}: inputSize must be positive.");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, $"{name}: hiddenSize must be positive.");
        if (numLayers <= 0) throw new ArgumentOutOfRangeException(nameof(numLayers), numLayers, $"{name}: numLayers must be positive.");
        if (!(dropout >= 0f && dropout < 1f))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{name}: dropout must be in [0, 1).");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Bias = bias;
        BatchFirst = batchFirst;
        Dropout = dropout;
        Bidirectional = bidirectional;
        _generator = RegisterGenerator("generator", generator ?? Generator.Default);

        int directions = bidirectional ? 2 : 1;
        _parameters = RecurrentParameters.Create(RegisterParameter, cell, inputSize, hiddenSize, numLayers, directions,
            bias ? RecurrentBias.InputAndHidden : RecurrentBias.None, RecurrentInit.PyTorch, _generator, layerSuffixes: true);
        _stack = new RecurrentStack(name, cell, inputSize, hiddenSize, numLayers, directions, dropout, batchFirst);
    }

    /// <summary>Features per input step F.</summary>
    public int InputSize { get; }

    /// <summary>Hidden units per direction H.</summary>
    public int HiddenSize { get; }

    /// <summary>Stacked layers L.</summary>
    public int NumLayers { get; }

    /// <summary>Whether the layers have biases.</summary>
    public bool Bias { get; }

    /// <summary>Input and output are <c>[B, T, ·]</c> instead of <c>[T, B, ·]</c>.</summary>
    public bool BatchFirst { get; }

    /// <summary>Dropout probability on the outputs of every layer but the last, in training.</summary>
    public float Dropout { get; }

    /// <summary>Whether each layer also runs the sequence backwards (D = 2).</summary>
    public bool Bidirectional { get; }

    /// <summary>Runs the stack; states are <c>[L·D, B, H]</c>; <paramref name="lengths"/> gives each sequence's real length.</summary>
    private protected RecurrentOutput Run(Tensor input, Tensor? h0, Tensor? c0, SequenceLengths? lengths) =>
        _stack.Forward(input ?? throw new ArgumentNullException(nameof(input)), h0, c0, lengths, _parameters, Training, _generator);
}
