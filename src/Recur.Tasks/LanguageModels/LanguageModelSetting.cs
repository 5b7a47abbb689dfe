namespace Recur.Tasks.LanguageModels;

/// <summary>
/// A setting of the language-model recipe that a <see cref="LanguageModelSettingException"/> names: a property of
/// <see cref="LanguageModelOptions"/>. A program with its own names for them (a command line's flags) maps these values.
/// </summary>
public enum LanguageModelSetting
{
    /// <summary><see cref="LanguageModelOptions.DataPath"/>.</summary>
    DataPath,
    /// <summary><see cref="LanguageModelOptions.Layers"/>.</summary>
    Layers,
    /// <summary><see cref="LanguageModelOptions.Hidden"/>.</summary>
    Hidden,
    /// <summary><see cref="LanguageModelOptions.EmbeddingSize"/>.</summary>
    EmbeddingSize,
    /// <summary><see cref="LanguageModelOptions.Bptt"/>.</summary>
    Bptt,
    /// <summary><see cref="LanguageModelOptions.BatchSize"/>.</summary>
    BatchSize,
    /// <summary><see cref="LanguageModelOptions.Dropout"/>.</summary>
    Dropout,
    /// <summary><see cref="LanguageModelOptions.TieWeights"/>.</summary>
    TieWeights,
    /// <summary><see cref="LanguageModelOptions.InitScale"/>.</summary>
    InitScale,
    /// <summary><see cref="LanguageModelOptions.LearningRate"/>.</summary>
    LearningRate,
    /// <summary><see cref="LanguageModelOptions.DecayAfterEpoch"/>.</summary>
    DecayAfterEpoch,
    /// <summary><see cref="LanguageModelOptions.DecayFactor"/>.</summary>
    DecayFactor,
    /// <summary><see cref="LanguageModelOptions.ClipNorm"/>.</summary>
    ClipNorm,
    /// <summary><see cref="LanguageModelOptions.Epochs"/>.</summary>
    Epochs,
    /// <summary><see cref="LanguageModelOptions.VocabularySize"/>.</summary>
    VocabularySize,
    /// <summary><see cref="LanguageModelOptions.ValidationFraction"/>.</summary>
    ValidationFraction,
    /// <summary><see cref="LanguageModelOptions.TestFraction"/>.</summary>
    TestFraction,
    /// <summary><see cref="LanguageModelOptions.SampleTokens"/>.</summary>
    SampleTokens,
    /// <summary><see cref="LanguageModelTrainer.OutputDirectory"/>.</summary>
    OutputDirectory,
}
