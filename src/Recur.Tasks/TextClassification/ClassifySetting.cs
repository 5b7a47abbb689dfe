namespace Recur.Tasks.TextClassification;

/// <summary>
/// A setting of the text-classification recipe that a <see cref="ClassifySettingException"/> names: a property of
/// <see cref="ClassifyOptions"/>. A program with its own names for them (a command line's flags) maps these values.
/// </summary>
public enum ClassifySetting
{
    /// <summary><see cref="ClassifyOptions.DataPath"/>.</summary>
    DataPath,
    /// <summary><see cref="ClassifyOptions.TextColumn"/>.</summary>
    TextColumn,
    /// <summary><see cref="ClassifyOptions.LabelColumn"/>.</summary>
    LabelColumn,
    /// <summary><see cref="ClassifyOptions.VocabularySize"/>.</summary>
    VocabularySize,
    /// <summary><see cref="ClassifyOptions.MaxLength"/>.</summary>
    MaxLength,
    /// <summary><see cref="ClassifyOptions.EmbeddingSize"/>.</summary>
    EmbeddingSize,
    /// <summary><see cref="ClassifyOptions.Hidden"/>.</summary>
    Hidden,
    /// <summary><see cref="ClassifyOptions.Dropout"/>.</summary>
    Dropout,
    /// <summary><see cref="ClassifyOptions.Epochs"/>.</summary>
    Epochs,
    /// <summary><see cref="ClassifyOptions.BatchSize"/>.</summary>
    BatchSize,
    /// <summary><see cref="ClassifyOptions.LearningRate"/>.</summary>
    LearningRate,
    /// <summary><see cref="ClassifyOptions.Patience"/>.</summary>
    Patience,
    /// <summary><see cref="ClassifyOptions.TestFraction"/>.</summary>
    TestFraction,
    /// <summary><see cref="ClassifyOptions.ValidationFraction"/>.</summary>
    ValidationFraction,
    /// <summary><see cref="TextClassifier.OutputDirectory"/>.</summary>
    OutputDirectory,
}
