namespace Recur.Data.Loading;

/// <summary>
/// One unrolled chunk from <see cref="LanguageModelBatches"/>: <paramref name="Steps"/> tokens of every stream and,
/// for each, the token that follows it.
/// </summary>
/// <param name="Inputs">Token ids as floats (for <c>Embedding</c>): <c>[Steps, B]</c> time-major, or
/// <c>[B, Steps]</c> when the batches are batch-first.</param>
/// <param name="Targets">The next token of each input, as floats, flattened in the same order as
/// <paramref name="Inputs"/>: <c>[Steps · B]</c>, so that logits reshaped to <c>[Steps · B, V]</c> line up with it.</param>
/// <param name="Start">Position of the chunk's first step within each stream.</param>
/// <param name="Steps">Time steps in this chunk: the BPTT length, or fewer for the last chunk.</param>
public readonly record struct LanguageModelBatch(Tensor Inputs, Tensor Targets, int Start, int Steps);
