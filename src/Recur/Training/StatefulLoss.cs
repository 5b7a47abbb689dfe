using Recur.Nn;

namespace Recur.Training;

/// <summary>What <see cref="IStatefulSequenceModel.Loss"/> gives: a chunk's mean loss per target and the state at its end.</summary>
/// <param name="Loss">The mean loss per target, one value on the tape.</param>
/// <param name="State">The state after the chunk's last step (on the tape; the trainer detaches it).</param>
public readonly record struct StatefulLoss(Tensor Loss, RecurrentState State);
