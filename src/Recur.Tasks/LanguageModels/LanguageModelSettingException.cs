using Recur.Tasks.Recipes;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// A value of a language-model setting the recipe cannot use. The message names the setting as the library spells it
/// ("LanguageModelOptions.Bptt must be at least 1, got 0."); <see cref="Setting"/> and
/// <see cref="RecipeSettingException.Requirement"/> let a program name it in its own words.
/// </summary>
public sealed class LanguageModelSettingException : RecipeSettingException
{
    /// <summary>Creates the exception; <paramref name="requirement"/> follows the setting's name ("must be at least 1, got 0.").</summary>
    public LanguageModelSettingException(LanguageModelSetting setting, string requirement)
        : base((setting == LanguageModelSetting.OutputDirectory ? nameof(LanguageModelTrainer) : nameof(LanguageModelOptions)) + "." + setting, requirement)
    {
        Setting = setting;
    }

    /// <summary>The setting whose value cannot be used.</summary>
    public LanguageModelSetting Setting { get; }
}
