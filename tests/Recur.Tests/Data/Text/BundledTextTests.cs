using Recur.Data;
using Recur.Data.Text;

namespace Recur.Tests.Data.Text;

/// <summary>The bundled corpora under data/text read with the counts data/README.md states.</summary>
public sealed class BundledTextTests
{
    [Fact]
    public void Sms_spam_collection_has_5574_messages_4827_ham_747_spam()
    {
        var sms = SmsSpamReader.Read(RepositoryFiles.Data("text/sms-spam/SMSSpamCollection"));
        Assert.Equal(5574, sms.Count);
        Assert.Equal([4827, 747], sms.CountPerClass());
        Assert.Equal(["ham", "spam"], sms.ClassNames);
        Assert.Empty(sms.DroppedEmptyLines);
        Assert.Equal(0, sms.BlankLines);
        Assert.StartsWith("Go until jurong point", sms.Texts[0]);
        Assert.Equal("Rofl. Its true to its name", sms.Texts[^1]);
    }

    [Theory]
    [InlineData("imdb_labelled.txt")]
    [InlineData("amazon_cells_labelled.txt")]
    [InlineData("yelp_labelled.txt")]
    public void Each_labelled_sentences_file_has_500_negative_and_500_positive(string file)
    {
        var sentences = LabelledSentencesReader.Read(RepositoryFiles.Data($"text/sentiment-sentences/{file}"));
        Assert.Equal(1000, sentences.Count);
        Assert.Equal([500, 500], sentences.CountPerClass());
        Assert.All(sentences.Texts, t => Assert.Equal(t.Trim(), t));
    }

    [Fact]
    public void All_three_labelled_sentence_files_make_3000()
    {
        var all = LabelledSentencesReader.ReadAll(
            new[] { "imdb_labelled.txt", "amazon_cells_labelled.txt", "yelp_labelled.txt" }
                .Select(f => RepositoryFiles.Data($"text/sentiment-sentences/{f}")));
        Assert.Equal(3000, all.Count);
        Assert.Equal("So there is no way for me to plug it in here in the US unless I go by a converter.", all.Texts[1000]);
    }

    [Fact]
    public void Rt_polarity_has_5331_sentences_each_decoded_from_cp1252()
    {
        var polarity = RtPolarityReader.ReadDirectory(RepositoryFiles.Data("text/rt-polarity"));
        Assert.Equal(10662, polarity.Count);
        Assert.Equal([5331, 5331], polarity.CountPerClass());
        Assert.Equal(0, polarity.Labels[0]);
        Assert.Equal(1, polarity.Labels[^1]);
        // Line 44 of rt-polarity.pos; 0xF3 and 0xED are ó and í in Windows-1252.
        Assert.StartsWith("'compleja e intelectualmente retadora , el ladrón de orquídeas", polarity.Texts[5331 + 43]);
    }

    [Fact]
    public void Rt_polarity_read_as_utf8_fails_naming_the_line()
    {
        string path = RepositoryFiles.Data("text/rt-polarity/rt-polarity.pos");
        var e = Assert.Throws<DataFormatException>(() => RtPolarityReader.Read(path, path, TextEncodings.Utf8));
        Assert.Equal(44, e.Line);
        Assert.Contains("rt-polarity.pos:44", e.Message);
        Assert.Contains("not valid utf-8", e.Message);
    }

    [Fact]
    public void Nsmc_test_split_has_50000_reviews_of_which_3_are_empty_and_left_out()
    {
        var nsmc = NsmcReader.Read(RepositoryFiles.Data("text/nsmc/ratings_test.txt"));
        Assert.Equal(49997, nsmc.Count);
        Assert.Equal([5748, 7901, 27099], nsmc.DroppedEmptyLines);
        // 24,827 negative and 25,173 positive in the file; the empty ones were labelled 1, 0, 1.
        Assert.Equal([24826, 25171], nsmc.CountPerClass());
        Assert.Equal("굳 ㅋ", nsmc.Texts[0]);
        Assert.Contains("3 empty texts left out", nsmc.ToString());
    }

    [Fact]
    public void Nsmc_review_tokenizes_into_korean_words()
    {
        var nsmc = NsmcReader.Read(RepositoryFiles.Data("text/nsmc/ratings_test.txt"));
        var tokenizer = new WordTokenizer();
        Assert.Equal(["굳", "ㅋ"], tokenizer.Tokenize(nsmc.Texts[0]));
        // Line 6: "3D만 아니었어도 별 다섯 개 줬을텐데.. 왜 3D로 나와서 제 심기를 불편하게 하죠??"
        Assert.Equal(["3d만", "아니었어도", "별", "다섯", "개", "줬을텐데", "왜", "3d로", "나와서", "제", "심기를", "불편하게", "하죠"],
            tokenizer.Tokenize(nsmc.Texts[4]));
    }

    [Fact]
    public void Penn_treebank_splits_have_mikolovs_counts_and_a_10000_type_vocabulary()
    {
        var train = WordCorpusReader.Read(RepositoryFiles.Data("text/ptb/ptb.train.txt"));
        var valid = WordCorpusReader.Read(RepositoryFiles.Data("text/ptb/ptb.valid.txt"));
        var test = WordCorpusReader.Read(RepositoryFiles.Data("text/ptb/ptb.test.txt"));
        Assert.Equal((42068, 887521, 929589), (train.LineCount, train.WordCount, train.Count));
        Assert.Equal((3370, 70390, 73760), (valid.LineCount, valid.WordCount, valid.Count));
        Assert.Equal((3761, 78669, 82430), (test.LineCount, test.WordCount, test.Count));
        Assert.Equal("<eos>", train.Tokens[^1]);
        Assert.Equal(10000, train.DistinctCount()); // 9,999 words including <unk>, plus <eos>

        var vocabulary = Vocabulary.Build(train.Tokens);
        Assert.Equal(10001, vocabulary.Count); // the 10,000 types plus <pad>
        Assert.Equal("the", vocabulary.TokenOf(2));
        Assert.True(vocabulary.Contains("<eos>"));
        Assert.All(valid.Tokens.Concat(test.Tokens), t => Assert.True(vocabulary.Contains(t), t));
    }

    [Fact]
    public void Tiny_shakespeare_has_65_distinct_characters()
    {
        var shakespeare = PlainTextReader.Read(RepositoryFiles.Data("text/shakespeare/input.txt"));
        Assert.Equal(1115394, shakespeare.Length);
        Assert.Equal(40000, shakespeare.LineCount);
        var characters = new CharacterTokenizer().Tokenize(shakespeare.Text);
        Assert.Equal(1115394, characters.Length);
        var vocabulary = Vocabulary.Build(characters);
        Assert.Equal(65 + 2, vocabulary.Count);
        Assert.Equal(" ", vocabulary.TokenOf(2));
        Assert.Equal(characters.Take(20), vocabulary.Decode(vocabulary.Encode(characters.Take(20))));
    }

    [Fact]
    public void Sms_pipeline_to_padded_tensors()
    {
        var sms = SmsSpamReader.Read(RepositoryFiles.Data("text/sms-spam/SMSSpamCollection"));
        var (train, test) = sms.StratifiedSplit(0.2, new Generator(0));
        Assert.Equal(1114, test.Count); // round(4,827 × 0.2) + round(747 × 0.2) = 965 + 149
        Assert.Equal([965, 149], test.CountPerClass());
        var tokenizer = new WordTokenizer();
        var vocabulary = Vocabulary.Build(tokenizer.TokenizeAll(train.Texts), maxSize: 4013);
        Assert.Equal(4013, vocabulary.Count);
        var ids = vocabulary.EncodeAll(tokenizer.TokenizeAll(test.Texts));
        var padded = SequencePadding.PadSequences(ids, maxLength: 60);
        Assert.Equal([1114, 60], padded.ToTensor().Shape);
        Assert.Equal([1114], test.LabelsTensor().Shape);
    }
}
