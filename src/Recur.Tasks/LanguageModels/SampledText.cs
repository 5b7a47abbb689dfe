namespace Recur.Tasks.LanguageModels;

/// <summary>Text a language model wrote after a prompt.</summary>
/// <param name="Prompt">The prompt as given.</param>
/// <param name="Continuation">The text the model wrote after it.</param>
/// <param name="Tokens">The tokens written, in order.</param>
/// <param name="UnknownPromptTokens">Tokens of the prompt the vocabulary lacks (read as <c>&lt;unk&gt;</c>).</param>
public sealed record SampledText(string Prompt, string Continuation, IReadOnlyList<string> Tokens, IReadOnlyList<string> UnknownPromptTokens);
