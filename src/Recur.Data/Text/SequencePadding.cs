using Recur.Nn;

namespace Recur.Data.Text;

/// <summary>Keras' <c>pad_sequences</c>: makes sequences of ids one length so they stack into a batch.</summary>
public static class SequencePadding
{
    /// <summary>
    /// Pads or truncates every sequence to <paramref name="maxLength"/> (default: the longest sequence), with Keras'
    /// semantics and defaults: sequences longer than <paramref name="maxLength"/> lose ids at the start
    /// (<paramref name="truncating"/> = <see cref="SequenceSide.Pre"/>, keeping the last ids) or at the end
    /// (<see cref="SequenceSide.Post"/>); shorter ones get <paramref name="value"/> at the start
    /// (<paramref name="padding"/> = <see cref="SequenceSide.Pre"/>) or at the end (<see cref="SequenceSide.Post"/>).
    /// An empty sequence becomes a row of <paramref name="value"/>. <c>PadSequences([[1,2,3],[4,5],[6]], 2)</c> gives
    /// <c>[[2,3],[4,5],[0,6]]</c>; with both sides <see cref="SequenceSide.Post"/>, <c>[[1,2],[4,5],[6,0]]</c>.
    /// </summary>
    /// <remarks>
    /// The result's <see cref="PaddedSequences.Lengths"/> are the true lengths after truncation and carry the padding
    /// side, so Recur's recurrent layers given them read each sequence's real steps whichever side it was padded on: the
    /// pipeline tokenise → <c>PadSequences</c> (Keras' default, pre) → <c>Embedding</c> → LSTM with those lengths gives
    /// the outputs and final states of the unpadded sequences.
    /// </remarks>
    public static PaddedSequences PadSequences(
        IReadOnlyList<IReadOnlyList<int>> sequences,
        int? maxLength = null,
        SequenceSide padding = SequenceSide.Pre,
        SequenceSide truncating = SequenceSide.Pre,
        int value = 0)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (maxLength is int m && m < 1)
            throw new ArgumentOutOfRangeException(nameof(maxLength), m, "PadSequences: maxLength must be at least 1.");
        if (!Enum.IsDefined(padding)) throw new ArgumentOutOfRangeException(nameof(padding), padding, "must be Pre or Post");
        if (!Enum.IsDefined(truncating)) throw new ArgumentOutOfRangeException(nameof(truncating), truncating, "must be Pre or Post");

        int rows = sequences.Count;
        int length = maxLength ?? 0;
        if (maxLength is null)
            for (int i = 0; i < rows; i++)
                length = Math.Max(length, (sequences[i] ?? throw NullSequence(i)).Count);

        var ids = new int[checked(rows * length)];
        if (value != 0) ids.AsSpan().Fill(value);
        var lengths = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            var sequence = sequences[i] ?? throw NullSequence(i);
            int kept = Math.Min(sequence.Count, length);
            int from = truncating == SequenceSide.Pre ? sequence.Count - kept : 0;
            int to = i * length + (padding == SequenceSide.Pre ? length - kept : 0);
            for (int t = 0; t < kept; t++) ids[to + t] = sequence[from + t];
            lengths[i] = kept;
        }
        return new PaddedSequences(ids, rows, length, lengths, padding, value);
    }

    private static ArgumentException NullSequence(int index) =>
        new($"PadSequences: sequence {index} is null.", "sequences");
}
