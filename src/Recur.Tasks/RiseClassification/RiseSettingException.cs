using Recur.Tasks.Recipes;

namespace Recur.Tasks.RiseClassification;

/// <summary>
/// A value of an up/down setting that the recipe cannot use. The message names the setting as the library spells it
/// ("RiseOptions.Within must be at least 1, got 0."); <see cref="Setting"/> and
/// <see cref="RecipeSettingException.Requirement"/> let a program name it in its own words.
/// </summary>
public sealed class RiseSettingException : RecipeSettingException
{
    /// <summary>Creates the exception; <paramref name="requirement"/> follows the setting's name.</summary>
    public RiseSettingException(RiseSetting setting, string requirement)
        : base(setting == RiseSetting.OutputDirectory ? $"{nameof(RiseClassifier)}.{nameof(RiseClassifier.OutputDirectory)}" : $"{nameof(RiseOptions)}.{setting}", requirement)
    {
        Setting = setting;
    }

    /// <summary>The setting whose value cannot be used.</summary>
    public RiseSetting Setting { get; }
}
