using Recur.Nn;

namespace Recur.Tasks;

/// <summary>The PyTorch-style recurrent module of a <see cref="RecurrentKind"/>, as the recipes build it (batch-first unless asked otherwise).</summary>
public static class RecurrentModules
{
    /// <summary>
    /// <c>LSTM</c>, <c>GRU</c> or <c>RNN</c>(<paramref name="inputSize"/>, <paramref name="hidden"/>, <paramref name="layers"/>,
    /// <paramref name="batchFirst"/>, …) with PyTorch's initialisation drawn from <paramref name="generator"/>.
    /// </summary>
    public static RecurrentBase Create(RecurrentKind kind, int inputSize, int hidden, int layers, bool bidirectional, float dropout, Generator generator,
        bool batchFirst = true)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return kind switch
        {
            RecurrentKind.Lstm => new LSTM(inputSize, hidden, layers, batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, generator: generator),
            RecurrentKind.Gru => new GRU(inputSize, hidden, layers, batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, generator: generator),
            RecurrentKind.Rnn => new RNN(inputSize, hidden, layers, batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, generator: generator),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown recurrent layer"),
        };
    }
}
