namespace Recur.Nn;

/// <summary>
/// A lookup table of <c>numEmbeddings</c> vectors of width <c>embeddingDim</c> (PyTorch's <c>nn.Embedding</c>).
/// <c>weight</c> starts as N(0, 1); the row at <c>paddingIdx</c>, if given, starts at zero and receives no gradient.
/// <c>inputLength</c> is Keras' <c>input_length</c>: the length of the id sequences, which lets a model's summary show
/// <c>(None, 60, 32)</c> before any data has been seen.
/// </summary>
public sealed class Embedding : Layer
{
    /// <summary>Creates the table; <paramref name="generator"/> defaults to <see cref="Generator.Default"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, <paramref name="paddingIdx"/> or <paramref name="inputLength"/> is out of range.</exception>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIdx = null, Generator? generator = null, int? inputLength = null)
    {
        if (numEmbeddings <= 0 || embeddingDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(numEmbeddings), $"Embedding({numEmbeddings}, {embeddingDim}): sizes must be positive.");
        if (paddingIdx is int pad && (pad < 0 || pad >= numEmbeddings))
            throw new ArgumentOutOfRangeException(nameof(paddingIdx), $"Embedding: paddingIdx {pad} is outside [0, {numEmbeddings}).");
        if (inputLength is <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputLength), inputLength, $"Embedding: inputLength must be positive.");
        NumEmbeddings = numEmbeddings;
        InputLength = inputLength;
        EmbeddingDim = embeddingDim;
        PaddingIdx = paddingIdx;
        Weight = RegisterParameter("weight", Tensor.Randn(generator ?? Generator.Default, numEmbeddings, embeddingDim));
        if (paddingIdx is int p) Weight.Span.Slice(p * embeddingDim, embeddingDim).Clear();
    }

    /// <summary>Vocabulary size.</summary>
    public int NumEmbeddings { get; }

    /// <summary>Vector width.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The padding id whose row stays fixed, or null.</summary>
    public int? PaddingIdx { get; }

    /// <summary>The length of the id sequences <c>[B, inputLength]</c> when declared (Keras' <c>input_length</c>), else null.</summary>
    public int? InputLength { get; }

    /// <summary>The table <c>[numEmbeddings, embeddingDim]</c>.</summary>
    public Tensor Weight { get; }

    /// <summary>Sequences of ids: <c>(None, inputLength)</c>, the length unknown unless declared.</summary>
    public override int?[]? DeclaredInputShape => [null, InputLength];

    /// <summary>Ids of any shape <c>(batch, …)</c> give <c>(batch, …, embeddingDim)</c>.</summary>
    /// <exception cref="ArgumentException">A declared input length differs from the shape's second dimension.</exception>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        CheckLength(inputShape.Length, inputShape.Length > 1 ? inputShape[1] : null, LayerShape.Format(inputShape));
        return [.. inputShape, EmbeddingDim];
    }

    /// <summary>Vectors for a tensor of ids (integral values stored as floats) of any shape: the result is <c>[…, embeddingDim]</c>.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckLength(input.Rank, input.Rank > 1 ? input.Dim(1) : null, Tensor.ShapeText(input.Shape));
        var values = input.Span;
        var ids = new int[values.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            float v = values[i];
            if (v != MathF.Floor(v) || v < 0 || v >= NumEmbeddings)
                throw new ArgumentOutOfRangeException(nameof(input),
                    $"Embedding({NumEmbeddings}, {EmbeddingDim}): id {v} at flat position {i} of input {Tensor.ShapeText(input.Shape)} is not an integer in [0, {NumEmbeddings}).");
            ids[i] = (int)v;
        }
        return Weight.IndexSelect(ids, PaddingIdx ?? -1, [.. input.Shape, EmbeddingDim]);
    }

    /// <summary>Vectors for a list of ids: <c>[ids.Length, embeddingDim]</c>.</summary>
    public Tensor Forward(ReadOnlySpan<int> ids) => Lookup(ids.ToArray());

    private void CheckLength(int rank, int? length, string shapeText)
    {
        if (InputLength is int declared && rank == 2 && length is int actual && actual != declared)
            throw new ArgumentException($"Embedding({NumEmbeddings}, {EmbeddingDim}, inputLength: {declared}) got ids {shapeText}: sequences of {actual} steps.");
    }

    private Tensor Lookup(int[] ids) => Weight.IndexSelect(ids, PaddingIdx ?? -1);
}
