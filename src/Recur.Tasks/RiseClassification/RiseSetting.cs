namespace Recur.Tasks.RiseClassification;

/// <summary>
/// A setting of the up/down recipe that a <see cref="RiseSettingException"/> names: a property of <see cref="RiseOptions"/>
/// or <see cref="RiseClassifier.OutputDirectory"/>. A program with its own names for them (a command line's flags) maps these values.
/// </summary>
public enum RiseSetting
{
    /// <summary><see cref="RiseOptions.CsvPath"/>.</summary>
    CsvPath,
    /// <summary><see cref="RiseOptions.Price"/>.</summary>
    Price,
    /// <summary><see cref="RiseOptions.Features"/>.</summary>
    Features,
    /// <summary><see cref="RiseOptions.RisePercent"/>.</summary>
    RisePercent,
    /// <summary><see cref="RiseOptions.Within"/>.</summary>
    Within,
    /// <summary><see cref="RiseOptions.Window"/>.</summary>
    Window,
    /// <summary><see cref="RiseOptions.Layers"/>.</summary>
    Layers,
    /// <summary><see cref="RiseOptions.Hidden"/>.</summary>
    Hidden,
    /// <summary><see cref="RiseOptions.Dropout"/>.</summary>
    Dropout,
    /// <summary><see cref="RiseOptions.TrainFraction"/>.</summary>
    TrainFraction,
    /// <summary><see cref="RiseOptions.ValidationFraction"/>.</summary>
    ValidationFraction,
    /// <summary><see cref="RiseOptions.Epochs"/>.</summary>
    Epochs,
    /// <summary><see cref="RiseOptions.Patience"/>.</summary>
    Patience,
    /// <summary><see cref="RiseOptions.BatchSize"/>.</summary>
    BatchSize,
    /// <summary><see cref="RiseOptions.LearningRate"/>.</summary>
    LearningRate,
    /// <summary><see cref="RiseOptions.Regularization"/>.</summary>
    Regularization,
    /// <summary><see cref="RiseOptions.BootstrapResamples"/>.</summary>
    BootstrapResamples,
    /// <summary><see cref="RiseClassifier.OutputDirectory"/>.</summary>
    OutputDirectory,
}
