namespace Recur.Data.Text;

/// <summary>Turns a text into a sequence of tokens (words, characters, …) that a <see cref="Vocabulary"/> maps to ids.</summary>
public interface ITokenizer
{
    /// <summary>The tokens of <paramref name="text"/>, in order.</summary>
    string[] Tokenize(string text);
}
