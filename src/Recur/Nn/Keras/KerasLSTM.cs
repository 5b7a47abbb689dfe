using Recur.Nn.Recurrent;

namespace Recur.Nn.Keras;

/// <summary>
/// Keras' <c>LSTM</c> layer, named apart from PyTorch's <see cref="Nn.LSTM"/> so both namespaces can be imported
/// together (gate order i, f, g, o; one bias, forget-gate bias starting at 1). <c>LSTM(32)</c> builds itself for the
/// feature size of its first input; <paramref name="inputSize"/> (by name) builds it at once.
/// </summary>
public sealed class KerasLSTM(int units, bool returnSequences = false, bool returnState = false, bool useBias = true, float dropout = 0f,
    Generator? generator = null, int? inputSize = null)
    : KerasRecurrentLayer("LSTM", TimeLoop.Lstm(units), units, returnSequences, returnState, useBias, hiddenBias: false, dropout, generator, inputSize);
