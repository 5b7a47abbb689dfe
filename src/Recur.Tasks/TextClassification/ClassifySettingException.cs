using Recur.Tasks.Recipes;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// A value of a text-classification setting the recipe cannot use. The message names the setting as the library spells
/// it ("ClassifyOptions.Hidden must be at least 1, got 0."); <see cref="Setting"/> and
/// <see cref="RecipeSettingException.Requirement"/> let a program name it in its own words.
/// </summary>
public sealed class ClassifySettingException : RecipeSettingException
{
    /// <summary>Creates the exception; <paramref name="requirement"/> follows the setting's name ("must be at least 1, got 0.").</summary>
    public ClassifySettingException(ClassifySetting setting, string requirement)
        : base((setting == ClassifySetting.OutputDirectory ? nameof(TextClassifier) : nameof(ClassifyOptions)) + "." + setting, requirement)
    {
        Setting = setting;
    }

    /// <summary>The setting whose value cannot be used.</summary>
    public ClassifySetting Setting { get; }
}
