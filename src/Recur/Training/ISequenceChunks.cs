namespace Recur.Training;

/// <summary>
/// Parallel streams of a long sequence cut into consecutive chunks, each continuing every stream where the previous one
/// stopped (<c>Recur.Data.Loading.LanguageModelBatches</c> is one): what <see cref="TruncatedBpttTrainer{TModel}"/>
/// trains on in order, carrying the state from chunk to chunk.
/// </summary>
public interface ISequenceChunks
{
    /// <summary>Chunks per pass.</summary>
    int Count { get; }

    /// <summary>Targets per pass (the denominator of the per-target loss of a pass).</summary>
    long TargetCount { get; }

    /// <summary>Chunk <paramref name="index"/> (0-based).</summary>
    SequenceChunk Chunk(int index);
}
