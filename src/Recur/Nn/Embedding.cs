namespace Recur.Nn;

/// <summary>
/// A lookup table of <c>numEmbeddings</c> vectors of width <c>embeddingDim</c> (PyTorch's <c>nn.Embedding</c>).
/// <c>weight</c> starts as N(0, 1); the row at <c>paddingIdx</c>, if given, starts at zero and receives no gradient.
/// </summary>
public sealed class Embedding : Layer
{
    /// <summary>Creates the table; <paramref name="generator"/> defaults to <see cref="Generator.Default"/>.</summary>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIdx = null, Generator? generator = null)
    {
        if (numEmbeddings <= 0 || embeddingDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(numEmbeddings), $"Embedding({numEmbeddings}, {embeddingDim}): sizes must be positive.");
        if (paddingIdx is int pad && (pad < 0 || pad >= numEmbeddings))
            throw new ArgumentOutOfRangeException(nameof(paddingIdx), $"Embedding: paddingIdx {pad} is outside [0, {numEmbeddings}).");
        NumEmbeddings = numEmbeddings;
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

    /// <summary>The table <c>[numEmbeddings, embeddingDim]</c>.</summary>
    public Tensor Weight { get; }

    /// <summary>Vectors for a tensor of ids (integral values stored as floats) of any shape: the result is <c>[…, embeddingDim]</c>.</summary>
    public override Tensor Forward(Tensor input)
    {
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
        return Lookup(ids).Reshape([.. input.Shape, EmbeddingDim]);
    }

    /// <summary>Vectors for a list of ids: <c>[ids.Length, embeddingDim]</c>.</summary>
    public Tensor Forward(ReadOnlySpan<int> ids) => Lookup(ids.ToArray());

    private Tensor Lookup(int[] ids) => Weight.IndexSelect(ids, PaddingIdx ?? -1);
}
