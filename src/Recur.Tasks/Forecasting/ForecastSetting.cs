namespace Recur.Tasks.Forecasting;

/// <summary>
/// A setting of the forecasting recipe that a <see cref="ForecastSettingException"/> names: a property of
/// <see cref="ForecastOptions"/>, <see cref="BacktestOptions.Folds"/>, or <see cref="Forecaster.OutputDirectory"/>. A program with its own names for them (a
/// command line's flags) maps these values.
/// </summary>
public enum ForecastSetting
{
    /// <summary><see cref="ForecastOptions.CsvPath"/>.</summary>
    CsvPath,
    /// <summary><see cref="ForecastOptions.Features"/>.</summary>
    Features,
    /// <summary><see cref="ForecastOptions.ColumnNames"/>.</summary>
    ColumnNames,
    /// <summary><see cref="ForecastOptions.Layers"/>.</summary>
    Layers,
    /// <summary><see cref="ForecastOptions.Hidden"/>.</summary>
    Hidden,
    /// <summary><see cref="ForecastOptions.Dropout"/>.</summary>
    Dropout,
    /// <summary><see cref="ForecastOptions.Window"/>.</summary>
    Window,
    /// <summary><see cref="ForecastOptions.Horizon"/>.</summary>
    Horizon,
    /// <summary><see cref="ForecastOptions.TrainFraction"/>.</summary>
    TrainFraction,
    /// <summary><see cref="ForecastOptions.ValidationFraction"/>.</summary>
    ValidationFraction,
    /// <summary><see cref="ForecastOptions.Epochs"/>.</summary>
    Epochs,
    /// <summary><see cref="ForecastOptions.BatchSize"/>.</summary>
    BatchSize,
    /// <summary><see cref="ForecastOptions.LearningRate"/>.</summary>
    LearningRate,
    /// <summary><see cref="ForecastOptions.AutoRegressiveOrder"/>.</summary>
    AutoRegressiveOrder,
    /// <summary><see cref="ForecastOptions.ArimaDifferences"/>.</summary>
    ArimaDifferences,
    /// <summary><see cref="ForecastOptions.ArimaMaxOrder"/>.</summary>
    ArimaMaxOrder,
    /// <summary><see cref="ForecastOptions.Season"/>.</summary>
    Season,
    /// <summary><see cref="ForecastOptions.DecimalSeparator"/>.</summary>
    DecimalSeparator,
    /// <summary><see cref="BacktestOptions.Folds"/>.</summary>
    BacktestFolds,
    /// <summary><see cref="ForecastOptions.CheckpointEvery"/>.</summary>
    CheckpointEvery,
    /// <summary><see cref="Forecaster.OutputDirectory"/>.</summary>
    OutputDirectory,
}
