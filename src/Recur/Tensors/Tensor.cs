using System.Runtime.CompilerServices;
using Recur.Autograd;

namespace Recur;

/// <summary>
/// A float32 tensor: contiguous row-major storage and a shape. Tensors that require gradients record
/// the operations that produce them on a define-by-run tape; <see cref="Backward"/> walks it in reverse.
/// </summary>
/// <remarks>
/// Operations return new tensors. <see cref="Reshape"/> shares storage with its source, like a PyTorch view;
/// every other operation copies. Parameters are updated in place through <see cref="Span"/>.
/// </remarks>
public sealed partial class Tensor
{
    private readonly float[] _data;
    private readonly int[] _shape;
    private bool _requiresGrad;

    internal Tensor(float[] data, int[] shape)
    {
        _data = data;
        _shape = shape;
    }

    /// <summary>The storage, row-major. Internal code reads and writes it directly.</summary>
    internal float[] Data => _data;

    /// <summary>The shape without a copy, for internal code that promises not to change it.</summary>
    internal int[] ShapeRef => _shape;

    /// <summary>The sizes of the dimensions (a copy).</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements.</summary>
    public int Size => _data.Length;

    /// <summary>The size of dimension <paramref name="dim"/>; negative values count from the end.</summary>
    public int Dim(int dim) => _shape[NormalizeAxis(dim, "Dim")];

    /// <summary>The elements as a writable span over the storage (no copy). Writing to it bypasses autograd.</summary>
    public Span<float> Span => _data;

    /// <summary>A copy of the elements, row-major.</summary>
    public float[] ToArray() => (float[])_data.Clone();

    /// <summary>The single element of a one-element tensor.</summary>
    public float Item()
    {
        if (_data.Length != 1)
            throw new InvalidOperationException($"Item() needs a tensor with one element but the tensor has shape {ShapeText(_shape)}.");
        return _data[0];
    }

    /// <summary>The element at the given multi-index.</summary>
    [IndexerName("Element")]
    public float this[params int[] index]
    {
        get => _data[FlatIndex(index)];
        set => _data[FlatIndex(index)] = value;
    }

    /// <summary>
    /// Whether gradients flow to this tensor. Set it on leaves (parameters, inputs you differentiate by);
    /// results of operations on such tensors require grad by themselves, unless computed in a <see cref="NoGradScope"/>.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!value && GradFn is not null)
                throw new InvalidOperationException($"RequiresGrad cannot be turned off on a result of '{GradFn.Op}'; use Detach().");
            _requiresGrad = value;
        }
    }

    /// <summary>The accumulated gradient of a leaf after <see cref="Backward"/>, or null before any.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The operation that produced this tensor on the tape, or null for a leaf.</summary>
    internal Node? GradFn { get; private set; }

    /// <summary>True when this tensor was made by the user rather than by a recorded operation.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>Keep the gradient of this non-leaf tensor after backward (as PyTorch's <c>retain_grad</c>).</summary>
    public bool RetainGrad { get; set; }

    /// <summary>
    /// Zeroes the gradient in place, keeping its buffer (PyTorch 1.x's <c>zero_grad()</c>), so a training loop does not
    /// allocate gradients anew each step. Set <see cref="Grad"/> to null to release it instead.
    /// </summary>
    public void ZeroGrad()
    {
        if (Grad is not null) Kernels.ParallelClear.Clear(Grad.Data);
    }

    /// <summary>A tensor sharing this storage that is cut off the tape.</summary>
    public Tensor Detach() => new(_data, _shape);

    /// <summary>A deep copy, cut off the tape.</summary>
    public Tensor Clone() => new(ToArray(), Shape);

    /// <summary>
    /// Back-propagates from this tensor: fills <see cref="Grad"/> of every leaf that requires grad.
    /// A scalar needs no <paramref name="gradient"/> (it defaults to 1); otherwise pass dLoss/dThis.
    /// Gradients accumulate: call <c>ZeroGrad</c> between steps. A second backward through the same graph is refused
    /// unless the earlier one passed <paramref name="retainGraph"/> (PyTorch's <c>retain_graph=True</c>).
    /// </summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false) => Tape.Backward(this, gradient, retainGraph);

    internal void SetGradFn(Node node)
    {
        GradFn = node;
        _requiresGrad = true;
    }

    /// <summary>Adds <paramref name="gradient"/> into this tensor's gradient buffer, creating it on first use.</summary>
    internal void AccumulateGrad(ReadOnlySpan<float> gradient)
    {
        if (GradFn is not null && _passGradient is null && gradient.Length == _data.Length)
        {
            // The first contribution of this pass: a copy, rather than clearing a buffer only to add into it.
            gradient.CopyTo(_passGradient = GradientPool.Rent(_data.Length, zeroed: false));
            return;
        }
        var buffer = GradBuffer();
        System.Numerics.Tensors.TensorPrimitives.Add(buffer, gradient, buffer);
    }

    /// <summary>
    /// Where backward functions add this tensor's gradient, zero-filled on first use: <see cref="Grad"/> for a leaf;
    /// for a result of an operation, a buffer of the current backward pass only, so that a retained gradient from an
    /// earlier pass is never propagated twice.
    /// </summary>
    internal float[] GradBuffer()
    {
        if (GradFn is not null) return _passGradient ??= GradientPool.Rent(_data.Length);
        Grad ??= new Tensor(Storage.Zeroed(_data.Length), _shape);
        return Grad._data;
    }

    /// <summary>
    /// Where a backward function that produces this tensor's whole gradient puts it: on the first contribution of a pass
    /// to a result of an operation, a fresh buffer whose contents are undefined, to be written in full
    /// (<paramref name="accumulate"/> false, sparing a clear and a read); otherwise <see cref="GradBuffer"/>, to add into.
    /// </summary>
    internal float[] GradBufferToFill(out bool accumulate)
    {
        accumulate = GradFn is null || _passGradient is not null;
        return accumulate ? GradBuffer() : _passGradient = GradientPool.Rent(_data.Length, zeroed: false);
    }

    /// <summary>Hands over (and forgets) the gradient this backward pass accumulated for a non-leaf tensor.</summary>
    internal float[]? TakePassGradient()
    {
        var gradient = _passGradient;
        _passGradient = null;
        return gradient;
    }

    private float[]? _passGradient;

    internal int NormalizeAxis(int axis, string op)
    {
        int rank = _shape.Length;
        int normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
            throw new ArgumentOutOfRangeException(nameof(axis), $"{op}: axis {axis} is out of range for a tensor of shape {ShapeText(_shape)}.");
        return normalized;
    }

    private int FlatIndex(int[] index)
    {
        if (index.Length != _shape.Length)
            throw new ArgumentException($"Index of {index.Length} dimensions into a tensor of shape {ShapeText(_shape)}.");
        int flat = 0;
        for (int d = 0; d < index.Length; d++)
        {
            if ((uint)index[d] >= (uint)_shape[d])
                throw new IndexOutOfRangeException($"Index {index[d]} is out of range for dimension {d} of shape {ShapeText(_shape)}.");
            flat = flat * _shape[d] + index[d];
        }
        return flat;
    }

    /// <summary>A shape written as PyTorch prints it, e.g. <c>[7, 32, 4]</c>.</summary>
    public static string ShapeText(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <inheritdoc/>
    public override string ToString()
    {
        const int shown = 8;
        var values = string.Join(", ", _data.Take(shown).Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
        return $"Tensor{ShapeText(_shape)}({values}{(_data.Length > shown ? ", …" : "")}{(RequiresGrad ? ", requires_grad" : "")})";
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SizeOf(ReadOnlySpan<int> shape)
    {
        // A zero dimension makes an empty tensor whatever the others are; otherwise stop as soon as the product passes
        // int.MaxValue, before a long could wrap round (four dimensions of 65,536 would wrap to 0: an empty tensor).
        if (shape.Contains(0)) return 0;
        long size = 1;
        foreach (int d in shape)
        {
            size *= d;
            if (size > int.MaxValue) throw new ArgumentException($"Shape {ShapeText(shape)} has more than {int.MaxValue} elements.");
        }
        return (int)size;
    }
}
