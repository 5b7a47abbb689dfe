using Recur.Nn;

namespace Recur.Tasks;

/// <summary>The PyTorch-style recurrent module of a <see cref="RecurrentKind"/>, batch-first, as the recipes build it.</summary>
public static class RecurrentModules
{
    /// <summary>
    /// <c>LSTM</c>, <c>GRU</c> or <c>RNN</c>(<paramref name="inputSize"/>, <paramref name="hidden"/>, <paramref name="layers"/>,
    /// <c>batchFirst: true</c>, …) with PyTorch's initialisation drawn from <paramref name="generator"/>.
    /// </summary>
    public static RecurrentBase Create(RecurrentKind kind, int inputSize, int hidden, int layers, bool bidirectional, float dropout, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return kind switch
        {
            RecurrentKind.Lstm => new LSTM(inputSize, hidden, layers, batchFirst: true, dropout: dropout, bidirectional: bidirectional, generator: generator),
            RecurrentKind.Gru => new GRU(inputSize, hidden, layers, batchFirst: true, dropout: dropout, bidirectional: bidirectional, generator: generator),
            RecurrentKind.Rnn => new RNN(inputSize, hidden, layers, batchFirst: true, dropout: dropout, bidirectional: bidirectional, generator: generator),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown recurrent layer"),
        };
    }
}
