using Recur.Nn;
using Recur.Data.Text;

namespace Recur.Tests.Data.Text;

public sealed class OneHotTests
{
    [Fact]
    public void Class_ids_become_rows_with_a_single_one()
    {
        var tensor = OneHot.Encode([2, 0, 1], 3);
        Assert.Equal([3, 3], tensor.Shape);
        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f, 0f, 1f, 0f], tensor.ToArray());
    }

    [Fact]
    public void Padded_sequences_get_zero_vectors_at_padding_by_default()
    {
        var padded = SequencePadding.PadSequences([[2, 1], [1]], 2, SequenceSide.Post);
        var tensor = OneHot.Encode(padded, 3);
        Assert.Equal([2, 2, 3], tensor.Shape);
        Assert.Equal([0f, 0f, 1f, 0f, 1f, 0f, 0f, 1f, 0f, 0f, 0f, 0f], tensor.ToArray());
        var keras = OneHot.Encode(padded, 3, padsAsZeros: false);
        Assert.Equal([0f, 0f, 1f, 0f, 1f, 0f, 0f, 1f, 0f, 1f, 0f, 0f], keras.ToArray());
    }

    [Fact]
    public void An_id_outside_the_classes_is_an_error_naming_it()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode([0, 3], 3));
        Assert.Contains("position 1 is 3, outside [0, 3)", e.Message);
    }
}
