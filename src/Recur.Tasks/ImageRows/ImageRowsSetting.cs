namespace Recur.Tasks.ImageRows;

/// <summary>
/// A setting of the image recipe that an <see cref="ImageRowsSettingException"/> names: a property of
/// <see cref="ImageRowsOptions"/>, or <see cref="ImageClassifier.OutputDirectory"/>. A program with its own names for them
/// (a command line's flags) maps these values.
/// </summary>
public enum ImageRowsSetting
{
    /// <summary><see cref="ImageRowsOptions.DataDirectory"/>.</summary>
    DataDirectory,
    /// <summary><see cref="ImageRowsOptions.HeldOutFraction"/>.</summary>
    HeldOutFraction,
    /// <summary><see cref="ImageRowsOptions.TrainLimit"/>.</summary>
    TrainLimit,
    /// <summary><see cref="ImageRowsOptions.TestLimit"/>.</summary>
    TestLimit,
    /// <summary><see cref="ImageRowsOptions.Layers"/>.</summary>
    Layers,
    /// <summary><see cref="ImageRowsOptions.Hidden"/>.</summary>
    Hidden,
    /// <summary><see cref="ImageRowsOptions.Dropout"/>.</summary>
    Dropout,
    /// <summary><see cref="ImageRowsOptions.Epochs"/>.</summary>
    Epochs,
    /// <summary><see cref="ImageRowsOptions.BatchSize"/>.</summary>
    BatchSize,
    /// <summary><see cref="ImageRowsOptions.LearningRate"/>.</summary>
    LearningRate,
    /// <summary><see cref="ImageRowsOptions.CheckpointEvery"/>.</summary>
    CheckpointEvery,
    /// <summary><see cref="ImageClassifier.OutputDirectory"/>.</summary>
    OutputDirectory,
}
