using Recur.Nn;

namespace Recur.Tests.Recurrent;

/// <summary>Every kind of PyTorch-style recurrent layer by name, so a property can be tested on all of them.</summary>
internal static class RecurrentKinds
{
    public static readonly string[] All = ["rnn_tanh", "rnn_relu", "lstm", "gru", "gru_reset_before"];

    /// <summary>A layer of <paramref name="kind"/> with biases; <paramref name="dropout"/> between its layers in training.</summary>
    public static RecurrentBase Create(string kind, int inputSize, int hidden, int layers, bool bidirectional, bool batchFirst, Generator g,
        float dropout = 0f) => kind switch
    {
        "rnn_tanh" => new RNN(inputSize, hidden, layers, Nonlinearity.Tanh, true, batchFirst, dropout, bidirectional, g),
        "rnn_relu" => new RNN(inputSize, hidden, layers, Nonlinearity.Relu, true, batchFirst, dropout, bidirectional, g),
        "lstm" => new LSTM(inputSize, hidden, layers, true, batchFirst, dropout, bidirectional, g),
        "gru" => new GRU(inputSize, hidden, layers, true, batchFirst, dropout, bidirectional, true, g),
        "gru_reset_before" => new GRU(inputSize, hidden, layers, true, batchFirst, dropout, bidirectional, false, g),
        _ => throw new ArgumentException($"unknown kind {kind}", nameof(kind)),
    };
}
