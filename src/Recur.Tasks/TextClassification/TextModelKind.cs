namespace Recur.Tasks.TextClassification;

/// <summary>The network that reads the embedded tokens.</summary>
public enum TextModelKind
{
    /// <summary><c>SimpleRNN</c> (the course's spam model).</summary>
    Rnn,
    /// <summary><c>LSTM</c>.</summary>
    Lstm,
    /// <summary><c>GRU</c>.</summary>
    Gru,
    /// <summary><c>Bidirectional(LSTM)</c>, the two directions' last states concatenated.</summary>
    BiLstm,
    /// <summary><c>Conv1D → GlobalMaxPooling1D → Dense</c> (the course's comparison model).</summary>
    Cnn,
}
