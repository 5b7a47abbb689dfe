using System.Collections;
using Recur.Training;

namespace Recur.Data.Loading;

/// <summary>
/// Language-model batches for truncated backpropagation through time, as PyTorch's <c>word_language_model</c>
/// example makes them: the corpus is cut into <see cref="BatchSize"/> contiguous streams (<c>batchify</c>; the
/// tokens that do not fill a whole stream are dropped from the end), and the streams are unrolled
/// <see cref="Bptt"/> steps at a time (<c>get_batch</c>): chunk <c>k</c> starts at step <c>i = k · bptt</c>,
/// holds <c>min(bptt, StreamLength − 1 − i)</c> steps, and its targets are its inputs shifted one step ahead.
/// </summary>
/// <remarks>
/// The last chunk is shorter when <c>StreamLength − 1</c> is not a multiple of <see cref="Bptt"/> (a stream's last
/// token is only ever a target). Consecutive chunks continue each stream exactly where the previous one stopped,
/// so a model carries its hidden state from one chunk to the next (detached, as <c>repackage_hidden</c> does): as
/// <see cref="ISequenceChunks"/>, this is what <see cref="TruncatedBpttTrainer{TModel}"/> trains on.
/// Token ids must lie in [0, 2²⁴] so that they are exact as floats.
/// </remarks>
/// <example>
/// Ids 0…25, B = 2, bptt = 3: the streams are 0…12 and 13…25; the first chunk has inputs
/// <c>[[0, 13], [1, 14], [2, 15]]</c> (time-major) and targets <c>[1, 14, 2, 15, 3, 16]</c>.
/// </example>
public sealed class LanguageModelBatches : IEnumerable<LanguageModelBatch>, ISequenceChunks
{
    private const int LargestExactId = 1 << 24;

    // Stream b occupies _streams[b * StreamLength .. (b + 1) * StreamLength).
    private readonly int[] _streams;

    /// <summary>Cuts <paramref name="tokenIds"/> into streams (the ids are copied).</summary>
    /// <param name="tokenIds">The corpus as token ids, in reading order.</param>
    /// <param name="batchSize">Number of parallel streams, B.</param>
    /// <param name="bptt">Steps per chunk, T.</param>
    /// <param name="batchFirst">Give inputs as <c>[B, T]</c> (targets flattened stream by stream) instead of <c>[T, B]</c>.</param>
    public LanguageModelBatches(ReadOnlySpan<int> tokenIds, int batchSize, int bptt, bool batchFirst = false)
    {
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "LanguageModelBatches: the batch size must be at least 1.");
        if (bptt < 1)
            throw new ArgumentOutOfRangeException(nameof(bptt), bptt, "LanguageModelBatches: bptt must be at least 1.");
        int streamLength = tokenIds.Length / batchSize;
        if (streamLength < 2)
            throw new ArgumentException(
                $"LanguageModelBatches: {tokenIds.Length} tokens cut into {batchSize} streams give {streamLength} token(s) each; a stream needs at least 2 (an input and its target).",
                nameof(tokenIds));
        _streams = tokenIds[..(streamLength * batchSize)].ToArray();
        for (int i = 0; i < _streams.Length; i++)
            if ((uint)_streams[i] > LargestExactId)
                throw new ArgumentOutOfRangeException(nameof(tokenIds), $"LanguageModelBatches: token {i} is {_streams[i]}; ids must lie in [0, {LargestExactId}] to be exact as floats.");
        BatchSize = batchSize;
        Bptt = bptt;
        BatchFirst = batchFirst;
        StreamLength = streamLength;
    }

    /// <summary>Number of parallel streams, B.</summary>
    public int BatchSize { get; }

    /// <summary>Steps per chunk, T (the last chunk may have fewer).</summary>
    public int Bptt { get; }

    /// <summary>True when inputs are <c>[B, T]</c>; false for time-major <c>[T, B]</c>.</summary>
    public bool BatchFirst { get; }

    /// <summary>Tokens per stream: the corpus length divided by <see cref="BatchSize"/>, rounded down.</summary>
    public int StreamLength { get; }

    /// <summary>Chunks per pass over the corpus: <c>ceil((StreamLength − 1) / Bptt)</c>.</summary>
    public int Count => (StreamLength - 1 + Bptt - 1) / Bptt;

    /// <summary>Total target tokens per pass, <c>(StreamLength − 1) · B</c> (the denominator of a per-token loss).</summary>
    public long TargetCount => (long)(StreamLength - 1) * BatchSize;

    /// <summary>Chunk <paramref name="index"/> (0-based), starting at step <c>index · Bptt</c>.</summary>
    public LanguageModelBatch this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"LanguageModelBatches has {Count} chunks.");
            int start = index * Bptt;
            int steps = Math.Min(Bptt, StreamLength - 1 - start);
            int[] shape = BatchFirst ? [BatchSize, steps] : [steps, BatchSize];
            var inputs = Tensor.Zeros(shape);
            var targets = Tensor.Zeros(steps * BatchSize);
            var x = inputs.Span;
            var y = targets.Span;
            for (int b = 0; b < BatchSize; b++)
            {
                int stream = b * StreamLength + start;
                for (int t = 0; t < steps; t++)
                {
                    int at = BatchFirst ? b * steps + t : t * BatchSize + b;
                    x[at] = _streams[stream + t];
                    y[at] = _streams[stream + t + 1];
                }
            }
            return new LanguageModelBatch(inputs, targets, start, steps);
        }
    }

    /// <summary>Chunk <paramref name="index"/> for <see cref="TruncatedBpttTrainer{TModel}"/>.</summary>
    SequenceChunk ISequenceChunks.Chunk(int index)
    {
        var batch = this[index];
        return new SequenceChunk(batch.Inputs, batch.Targets, batch.Steps);
    }

    /// <summary>The chunks in order, one pass over the corpus.</summary>
    public IEnumerator<LanguageModelBatch> GetEnumerator()
    {
        for (int k = 0; k < Count; k++) yield return this[k];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
