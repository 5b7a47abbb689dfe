using Recur.Nn;

namespace Recur.Training;

/// <summary>
/// One batch from a <see cref="DataLoader"/>: the selected samples' input rows <c>[b, …]</c> and target rows
/// <c>[b, …]</c>, copied into fresh tensors, with their lengths in the same order when the dataset has lengths.
/// </summary>
/// <param name="Inputs">Input rows <c>[b, …]</c>.</param>
/// <param name="Targets">Target rows <c>[b, …]</c>.</param>
/// <param name="Lengths">Length of each row of <paramref name="Inputs"/> and the side of its padding, or null when the dataset has none.</param>
/// <param name="Indices">Which dataset samples the rows are, in row order (a read-only view of the epoch's sample order).</param>
public readonly record struct Batch(Tensor Inputs, Tensor Targets, SequenceLengths? Lengths, ReadOnlyMemory<int> Indices)
{
    /// <summary>Number of samples in the batch, b.</summary>
    public int Size => Indices.Length;
}
