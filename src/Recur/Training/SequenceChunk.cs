namespace Recur.Training;

/// <summary>One chunk of <see cref="ISequenceChunks"/>.</summary>
/// <param name="Inputs">The chunk's inputs, laid out as the model reads them.</param>
/// <param name="Targets">The targets, one per predicted position.</param>
/// <param name="Steps">Time steps in the chunk.</param>
public readonly record struct SequenceChunk(Tensor Inputs, Tensor Targets, int Steps);
