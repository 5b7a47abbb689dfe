namespace Recur.Tasks.LanguageModels;

/// <summary>The optimizer of a language model.</summary>
public enum LanguageModelOptimizer
{
    /// <summary>Plain SGD, as Zaremba et al.</summary>
    Sgd,
    /// <summary>Adam.</summary>
    Adam,
}
