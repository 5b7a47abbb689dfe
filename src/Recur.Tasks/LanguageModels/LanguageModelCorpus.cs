namespace Recur.Tasks.LanguageModels;

/// <summary>Where a language model's text comes from.</summary>
public enum LanguageModelCorpus
{
    /// <summary>Penn Treebank as Mikolov and Zaremba et al. use it: a folder with <c>ptb.train.txt</c>, <c>ptb.valid.txt</c> and <c>ptb.test.txt</c>.</summary>
    Ptb,
    /// <summary>tiny-shakespeare's <c>input.txt</c> (Karpathy's char-rnn), split by <see cref="LanguageModelOptions.ValidationFraction"/> and <see cref="LanguageModelOptions.TestFraction"/>.</summary>
    Shakespeare,
    /// <summary>The user's text file, split the same way.</summary>
    File,
}
