namespace Recur.Tasks;

/// <summary>Which recurrent layer a recipe's network uses.</summary>
public enum RecurrentKind
{
    /// <summary>Long short-term memory.</summary>
    Lstm,
    /// <summary>Gated recurrent unit.</summary>
    Gru,
    /// <summary>Elman RNN with tanh.</summary>
    Rnn,
}
