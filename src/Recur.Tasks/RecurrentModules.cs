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

    /// <summary>
    /// The parameters <see cref="Create"/> would make, plus those of a <c>Linear</c> head of <paramref name="outputs"/> units
    /// reading the last layer's directions (none when 0), counted without building anything (0 for a size below 1): what a
    /// checkpoint's weights must hold before its config is trusted to allocate anything.
    /// </summary>
    public static long CountParameters(RecurrentKind kind, int inputSize, int hidden, int layers, bool bidirectional, int outputs = 0)
    {
        if (inputSize <= 0 || hidden <= 0 || layers <= 0 || outputs < 0) return 0;
        long gateRows = GatesPerUnit(kind) * (long)hidden;
        int directions = bidirectional ? 2 : 1;
        // Layer 0 reads the input; every later layer reads the previous layer's directions, so they all have one size.
        long first = gateRows * (inputSize + (long)hidden) + 2 * gateRows;
        long later = gateRows * ((long)hidden * directions + hidden) + 2 * gateRows;
        long head = outputs == 0 ? 0 : (long)hidden * directions * outputs + outputs;
        return directions * (first + (layers - 1) * later) + head;
    }

    /// <summary>The gates of one unit of a recurrent layer of <paramref name="kind"/>: 4 for an LSTM, 3 for a GRU, 1 for a plain RNN.</summary>
    public static int GatesPerUnit(RecurrentKind kind) => kind switch { RecurrentKind.Lstm => 4, RecurrentKind.Gru => 3, _ => 1 };
}
