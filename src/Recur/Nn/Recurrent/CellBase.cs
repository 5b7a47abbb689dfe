using Recur.Nn.Recurrent;

namespace Recur.Nn;

/// <summary>
/// What the single-step cells share: PyTorch's cell parameters (<c>weight_ih</c> <c>[G·H, F]</c>, <c>weight_hh</c>
/// <c>[G·H, H]</c>, <c>bias_ih</c>, <c>bias_hh</c>), initialisation U(−1/√H, 1/√H), and the step itself, computed by the
/// same fused kernels as the layers (one step of a one-layer stack).
/// </summary>
public abstract class CellBase : Module
{
    private readonly RecurrentStack _stack;
    private readonly DirectionParameters[] _parameters;
    private readonly string _name;

    private protected CellBase(string name, TimeLoop loop, int inputSize, int hiddenSize, bool bias, Generator? generator)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"{name}: inputSize must be positive.");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, $"{name}: hiddenSize must be positive.");
        _name = name;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        _parameters = RecurrentParameters.Create(RegisterParameter, loop, inputSize, hiddenSize, 1, 1,
            bias ? RecurrentBias.InputAndHidden : RecurrentBias.None, RecurrentInit.PyTorch, generator ?? Generator.Default, layerSuffixes: false);
        _stack = new RecurrentStack(name, loop, inputSize, hiddenSize, 1, 1, 0f, batchFirst: false);
    }

    /// <summary>Input features F.</summary>
    public int InputSize { get; }

    /// <summary>Hidden units H.</summary>
    public int HiddenSize { get; }

    /// <summary>One step from x <c>[B, F]</c> and states <c>[B, H]</c> (zeros when null).</summary>
    private protected RecurrentOutput Step(Tensor x, Tensor? h, Tensor? c)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Dim(1) != InputSize)
            throw new ArgumentException($"{_name} expects input [B, {InputSize}] but got {Tensor.ShapeText(x.Shape)}.");
        int batch = x.Dim(0);
        foreach (var (state, label) in new[] { (h, "h"), (c, "c") })
            if (state is not null && (state.Rank != 2 || state.Dim(0) != batch || state.Dim(1) != HiddenSize))
                throw new ArgumentException($"{_name} expects {label} [{batch}, {HiddenSize}] but got {Tensor.ShapeText(state.Shape)}.");
        var result = _stack.Forward(x.Reshape(1, batch, InputSize), h?.Reshape(1, batch, HiddenSize), c?.Reshape(1, batch, HiddenSize),
            null, _parameters, Training, Generator.Default);
        return new RecurrentOutput(result.Output, result.HN.Reshape(batch, HiddenSize), result.CN?.Reshape(batch, HiddenSize));
    }
}
