namespace Recur.Nn;

/// <summary>
/// What a recurrent layer returns: the output sequence and the final states, with PyTorch's shapes —
/// <see cref="Output"/> <c>[T, B, D·H]</c> (or <c>[B, T, D·H]</c> with batchFirst), <see cref="HN"/> and
/// <see cref="CN"/> <c>[L·D, B, H]</c>.
/// </summary>
/// <param name="Output">The last layer's hidden state at every step; both directions concatenated (forward half first). Zero past a sequence's length.</param>
/// <param name="HN">Final hidden state of every layer and direction (index <c>layer·D + direction</c>), at each sequence's last real step.</param>
/// <param name="CN">Final cell state (LSTM only; null otherwise).</param>
public sealed record RecurrentOutput(Tensor Output, Tensor HN, Tensor? CN);
