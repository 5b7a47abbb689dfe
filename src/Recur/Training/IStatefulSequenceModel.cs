using Recur.Nn;

namespace Recur.Training;

/// <summary>
/// A model trained on long sequences chunk by chunk (truncated backpropagation through time): it reads a chunk from the
/// state the previous chunk ended with and gives its loss and the state at its end. A language model is one:
/// <see cref="TruncatedBpttTrainer{TModel}"/> trains it on <see cref="ISequenceChunks"/>.
/// </summary>
public interface IStatefulSequenceModel
{
    /// <summary>
    /// The mean loss per target of one chunk, reading <paramref name="inputs"/> from <paramref name="state"/> (null: a
    /// zero state), and the state after its last step.
    /// </summary>
    StatefulLoss Loss(Tensor inputs, Tensor targets, RecurrentState? state);
}
