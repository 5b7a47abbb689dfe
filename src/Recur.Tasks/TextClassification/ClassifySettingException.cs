namespace Recur.Tasks.TextClassification;

/// <summary>
/// A value of a text-classification setting the recipe cannot use. The message names the setting as the library spells
/// it ("ClassifyOptions.Hidden must be at least 1, got 0."); <see cref="Setting"/> and <see cref="Requirement"/> let a
/// program name it in its own words.
/// </summary>
public sealed class ClassifySettingException : ArgumentException
{
    /// <summary>Creates the exception; <paramref name="requirement"/> follows the setting's name ("must be at least 1, got 0.").</summary>
    public ClassifySettingException(ClassifySetting setting, string requirement)
        : base(setting == ClassifySetting.Data ? requirement : $"{NameOf(setting)} {requirement}")
    {
        Setting = setting;
        Requirement = requirement;
    }

    /// <summary>The setting whose value cannot be used.</summary>
    public ClassifySetting Setting { get; }

    /// <summary>What the value must be, or what is wrong with it, as a sentence that follows the setting's name.</summary>
    public string Requirement { get; }

    private static string NameOf(ClassifySetting setting) =>
        (setting == ClassifySetting.OutputDirectory ? nameof(TextClassifier) : nameof(ClassifyOptions)) + "." + setting;
}
