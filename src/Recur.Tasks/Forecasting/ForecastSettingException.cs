namespace Recur.Tasks.Forecasting;

/// <summary>
/// A value of a forecasting setting that the recipe cannot use. The message names the setting as the library spells it
/// ("ForecastOptions.Layers must be at least 1, got 0."); <see cref="RecipeSettingException{TSetting}.Setting"/> and
/// <see cref="RecipeSettingException{TSetting}.Requirement"/> let a program name it in its own words.
/// </summary>
public sealed class ForecastSettingException : RecipeSettingException<ForecastSetting>
{
    /// <summary>Creates the exception; <paramref name="requirement"/> follows the setting's name ("must be at least 1, got 0.").</summary>
    public ForecastSettingException(ForecastSetting setting, string requirement)
        : base(setting, NameOf(setting), requirement)
    {
    }

    private static string NameOf(ForecastSetting setting) =>
        (setting == ForecastSetting.OutputDirectory ? nameof(Forecaster) : nameof(ForecastOptions)) + "." + setting;
}
