using Recur.Nn;
using Recur.Data.Text;

namespace Recur.Tests.Data.Text;

/// <summary>Against Keras' documented <c>pad_sequences</c> results.</summary>
public sealed class SequencePaddingTests
{
    private static readonly int[][] Sequences = [[1, 2, 3], [4, 5], [6]];

    [Fact]
    public void Keras_defaults_pad_and_truncate_at_the_start()
    {
        var padded = SequencePadding.PadSequences(Sequences, maxLength: 2);
        Assert.Equal([[2, 3], [4, 5], [0, 6]], padded.ToArrays());
        Assert.Equal([2, 2, 1], padded.Lengths);
    }

    [Fact]
    public void Post_padding_and_post_truncating()
    {
        var padded = SequencePadding.PadSequences(Sequences, 2, SequenceSide.Post, SequenceSide.Post);
        Assert.Equal([[1, 2], [4, 5], [6, 0]], padded.ToArrays());
        Assert.Equal([2, 2, 1], padded.Lengths);
    }

    [Fact]
    public void Mixed_sides()
    {
        Assert.Equal([[2, 3], [4, 5], [6, 0]],
            SequencePadding.PadSequences(Sequences, 2, padding: SequenceSide.Post).ToArrays());
        Assert.Equal([[1, 2], [4, 5], [0, 6]],
            SequencePadding.PadSequences(Sequences, 2, truncating: SequenceSide.Post).ToArrays());
    }

    [Fact]
    public void Without_max_length_pads_to_the_longest()
    {
        var padded = SequencePadding.PadSequences(Sequences);
        Assert.Equal([[1, 2, 3], [0, 4, 5], [0, 0, 6]], padded.ToArrays());
        Assert.Equal(3, padded.Length);
        Assert.Equal([3, 2, 1], padded.Lengths);
    }

    [Fact]
    public void Custom_value_and_empty_sequence()
    {
        var padded = SequencePadding.PadSequences([[7], []], 3, SequenceSide.Post, value: -1);
        Assert.Equal([[7, -1, -1], [-1, -1, -1]], padded.ToArrays());
        Assert.Equal([1, 0], padded.Lengths);
    }

    [Fact]
    public void Is_real_follows_the_padding_side()
    {
        var pre = SequencePadding.PadSequences(Sequences, 3);
        Assert.False(pre.IsReal(2, 0));
        Assert.True(pre.IsReal(2, 2));
        var post = SequencePadding.PadSequences(Sequences, 3, SequenceSide.Post);
        Assert.True(post.IsReal(2, 0));
        Assert.False(post.IsReal(2, 2));
    }

    [Fact]
    public void To_tensor_gives_float_ids_n_by_t_and_batches_select_rows()
    {
        var padded = SequencePadding.PadSequences(Sequences, 2, SequenceSide.Post, SequenceSide.Post);
        var tensor = padded.ToTensor();
        Assert.Equal([3, 2], tensor.Shape);
        Assert.Equal([1f, 2f, 4f, 5f, 6f, 0f], tensor.ToArray());
        var batch = padded.ToTensor([2, 0]);
        Assert.Equal([6f, 0f, 1f, 2f], batch.ToArray());
        Assert.Equal([1, 2], padded.LengthsOf([2, 0]));
    }

    [Fact]
    public void Padded_ids_feed_an_embedding()
    {
        var padded = SequencePadding.PadSequences(Sequences, 3, SequenceSide.Post);
        var embedding = new Recur.Nn.Embedding(7, 4, paddingIdx: 0, generator: new Generator(1));
        var vectors = embedding.Forward(padded.ToTensor());
        Assert.Equal([3, 3, 4], vectors.Shape);
    }

    [Fact]
    public void Rejects_a_max_length_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SequencePadding.PadSequences(Sequences, 0));
    }
}
