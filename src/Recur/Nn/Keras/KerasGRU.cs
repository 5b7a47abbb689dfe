using Recur.Nn.Recurrent;

namespace Recur.Nn.Keras;

/// <summary>
/// Keras' <c>GRU</c> layer, named apart from PyTorch's <see cref="Nn.GRU"/> so both namespaces can be imported
/// together. With <c>resetAfter</c> (Keras' default) it has an input and a recurrent bias, as PyTorch; without, one
/// bias and the reset gate applied before the recurrent product (Cho et al.). Gate order is PyTorch's r, z, n.
/// <c>GRU(32)</c> builds itself for the feature size of its first input; <paramref name="inputSize"/> (by name) builds
/// it at once.
/// </summary>
public sealed class KerasGRU(int units, bool returnSequences = false, bool returnState = false, bool useBias = true, bool resetAfter = true,
    float dropout = 0f, Generator? generator = null, int? inputSize = null)
    : KerasRecurrentLayer("GRU", TimeLoop.Gru(resetAfter), units, returnSequences, returnState, useBias, hiddenBias: resetAfter, dropout,
        generator, inputSize)
{
    /// <summary>Whether the reset gate acts after the recurrent product.</summary>
    public bool ResetAfter { get; } = resetAfter;
}
