using Recur.Tasks.Recipes;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// A value of a forecasting setting that the recipe cannot use. The message names the setting as the library spells it
/// ("ForecastOptions.Layers must be at least 1, got 0."); <see cref="Setting"/> and
/// <see cref="RecipeSettingException.Requirement"/> let a program name it in its own words.
/// </summary>
public sealed class ForecastSettingException : RecipeSettingException
{
    /// <summary>Creates the exception; <paramref name="requirement"/> follows the setting's name ("must be at least 1, got 0.").</summary>
    public ForecastSettingException(ForecastSetting setting, string requirement)
        : base(NameOf(setting), requirement)
    {
        Setting = setting;
    }

    /// <summary>The setting whose value cannot be used.</summary>
    public ForecastSetting Setting { get; }

    private static string NameOf(ForecastSetting setting) => setting switch
    {
        ForecastSetting.OutputDirectory => $"{nameof(Forecaster)}.{nameof(Forecaster.OutputDirectory)}",
        ForecastSetting.BacktestFolds => $"{nameof(BacktestOptions)}.{nameof(BacktestOptions.Folds)}",
        _ => $"{nameof(ForecastOptions)}.{setting}",
    };
}
