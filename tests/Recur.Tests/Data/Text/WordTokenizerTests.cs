using Recur.Data.Text;

namespace Recur.Tests.Data.Text;

public sealed class WordTokenizerTests
{
    [Fact]
    public void Default_lowercases_and_drops_punctuation()
    {
        var tokens = new WordTokenizer().Tokenize("Hello, World!!  It's 5 o'clock -- FREE entry?");
        Assert.Equal(["hello", "world", "it's", "5", "o'clock", "free", "entry"], tokens);
    }

    [Fact]
    public void Keeps_punctuation_as_single_character_tokens_when_asked()
    {
        var tokens = new WordTokenizer(lowercase: false, keepPunctuation: true).Tokenize("Wow!! Don't (do) it.");
        Assert.Equal(["Wow", "!", "!", "Don't", "(", "do", ")", "it", "."], tokens);
    }

    [Fact]
    public void Apostrophe_joins_only_between_word_characters()
    {
        var tokens = new WordTokenizer(keepPunctuation: true).Tokenize("'hello' rock'n'roll don\u2019t dogs' bone");
        Assert.Equal(["'", "hello", "'", "rock'n'roll", "don't", "dogs", "'", "bone"], tokens);
    }

    [Fact]
    public void Accented_and_decomposed_letters_stay_inside_words()
    {
        var tokens = new WordTokenizer().Tokenize("Café CRÈME, naïve cafe\u0301; Jean-Claude");
        Assert.Equal(["café", "crème", "naïve", "cafe\u0301", "jean", "claude"], tokens);
    }

    [Fact]
    public void Korean_nsmc_review_splits_on_spaces_and_punctuation()
    {
        // Line 4 of ratings_test.txt (id 8544678, label 0).
        var tokens = new WordTokenizer().Tokenize("뭐야 이 평점들은.... 나쁘진 않지만 10점 짜리는 더더욱 아니잖아");
        Assert.Equal(["뭐야", "이", "평점들은", "나쁘진", "않지만", "10점", "짜리는", "더더욱", "아니잖아"], tokens);
    }

    [Fact]
    public void Korean_with_jamo_latin_and_emoji()
    {
        var tokens = new WordTokenizer(keepPunctuation: true).Tokenize("굳 ㅋㅋ 3D로 최고👍!");
        Assert.Equal(["굳", "ㅋㅋ", "3d로", "최고", "👍", "!"], tokens);
    }

    [Fact]
    public void Empty_and_blank_text_gives_no_tokens()
    {
        Assert.Empty(new WordTokenizer().Tokenize(""));
        Assert.Empty(new WordTokenizer(keepPunctuation: true).Tokenize(" \t\r\n "));
    }
}
