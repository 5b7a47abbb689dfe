using Recur.Data;
using Recur.Data.Text;
using Recur.Tests.Serialization;

namespace Recur.Tests.Data.Text;

public sealed class VocabularyTests
{
    private static readonly string[][] Training =
    [
        ["the", "cat", "sat"],
        ["the", "dog", "sat", "down"],
        ["a", "cat", "the"],
    ];

    [Fact]
    public void Pad_is_zero_unk_is_one_then_most_frequent_first_ties_by_first_occurrence()
    {
        var vocabulary = Vocabulary.Build(Training);
        Assert.Equal(["<pad>", "<unk>", "the", "cat", "sat", "dog", "down", "a"], vocabulary.Tokens);
        Assert.Equal(8, vocabulary.Count);
        Assert.Equal(Vocabulary.PaddingId, vocabulary["<pad>"]);
        Assert.Equal(3, vocabulary.Frequency(2));
    }

    [Fact]
    public void Min_frequency_drops_rare_tokens_to_unknown()
    {
        var vocabulary = Vocabulary.Build(Training, minFrequency: 2);
        Assert.Equal(["<pad>", "<unk>", "the", "cat", "sat"], vocabulary.Tokens);
        Assert.Equal(3, vocabulary.Frequency(Vocabulary.UnknownId)); // dog, down, a
        Assert.Equal([2, 1, 4, 1], vocabulary.Encode(["the", "dog", "sat", "zebra"]));
    }

    [Fact]
    public void Max_size_counts_pad_and_unk_and_keeps_the_most_frequent()
    {
        var vocabulary = Vocabulary.Build(Training, maxSize: 4);
        Assert.Equal(["<pad>", "<unk>", "the", "cat"], vocabulary.Tokens);
        Assert.Equal(Vocabulary.UnknownId, vocabulary.IdOf("sat"));
        Assert.False(vocabulary.Contains("sat"));
    }

    [Fact]
    public void Literal_unk_in_training_text_maps_to_id_one_without_a_second_slot()
    {
        var vocabulary = Vocabulary.Build(["a", "<unk>", "b", "<unk>", "<eos>"]);
        Assert.Equal(["<pad>", "<unk>", "a", "b", "<eos>"], vocabulary.Tokens);
        Assert.Equal(2, vocabulary.Frequency(Vocabulary.UnknownId));
    }

    [Fact]
    public void Decode_inverts_encode_and_can_skip_padding()
    {
        var vocabulary = Vocabulary.Build(Training);
        Assert.Equal(["the", "cat", "<unk>"], vocabulary.Decode([2, 3, 1]));
        Assert.Equal(["cat"], vocabulary.Decode([0, 0, 3], skipPadding: true));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.Decode([99]));
        Assert.Contains("id 99 is outside [0, 8)", e.Message);
    }

    [Fact]
    public void Json_round_trip_keeps_ids_and_frequencies()
    {
        var vocabulary = Vocabulary.Build(Training, minFrequency: 2);
        string json = vocabulary.ToJson();
        Assert.Contains("\"format\":\"recur.vocabulary\"", json);
        var restored = Vocabulary.FromJson(json);
        Assert.Equal(vocabulary.Tokens, restored.Tokens);
        Assert.Equal(vocabulary.Frequency(1), restored.Frequency(1));
        Assert.Equal(vocabulary.Encode(["the", "dog"]), restored.Encode(["the", "dog"]));
    }

    [Fact]
    public void Save_and_load_round_trip_non_ascii_tokens()
    {
        using var dir = new ScratchDirectory();
        var vocabulary = Vocabulary.Build([["재밌어요", "café", "재밌어요"]]);
        string path = dir.File("vocab.json");
        vocabulary.Save(path);
        Assert.Equal(["vocab.json"], dir.FileNames());
        Assert.Contains("재밌어요", File.ReadAllText(path));
        Assert.Equal(vocabulary.Tokens, Vocabulary.Load(path).Tokens);
    }

    [Fact]
    public void From_json_rejects_a_table_without_the_special_tokens()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            Vocabulary.FromJson("""{"format":"recur.vocabulary","version":1,"tokens":["<unk>","a"]}"""));
        Assert.Contains("must start with \"<pad>\"", e.Message);
        Assert.Throws<DataFormatException>(() => Vocabulary.FromJson("""{"format":"other"}"""));
        Assert.Throws<DataFormatException>(() => Vocabulary.FromJson("not json"));
    }
}
