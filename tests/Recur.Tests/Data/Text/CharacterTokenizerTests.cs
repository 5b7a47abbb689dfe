using Recur.Data.Text;

namespace Recur.Tests.Data.Text;

public sealed class CharacterTokenizerTests
{
    [Fact]
    public void Ascii_text_gives_one_token_per_character_including_spaces_and_newlines()
    {
        var tokens = new CharacterTokenizer().Tokenize("To be,\nor");
        Assert.Equal(["T", "o", " ", "b", "e", ",", "\n", "o", "r"], tokens);
    }

    [Fact]
    public void Text_elements_keep_grapheme_clusters_together()
    {
        var tokens = new CharacterTokenizer().Tokenize("각e\u0301👍🏽");
        Assert.Equal(["각", "e\u0301", "👍🏽"], tokens);
    }

    [Fact]
    public void Char_unit_splits_utf16_code_units()
    {
        var tokens = new CharacterTokenizer(CharacterUnit.Char).Tokenize("각e\u0301👍");
        Assert.Equal(5, tokens.Length);
        Assert.Equal(["각", "e", "\u0301"], tokens[..3]);
    }

    [Fact]
    public void Lowercase_option_folds_case()
    {
        Assert.Equal(["a", "b", "É"], new CharacterTokenizer().Tokenize("abÉ"));
        Assert.Equal(["a", "b", "é"], new CharacterTokenizer(lowercase: true).Tokenize("AbÉ"));
    }
}
