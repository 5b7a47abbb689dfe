namespace Recur.Tasks.ImageRows;

/// <summary>
/// A value of an image-recipe setting that the recipe cannot use. The message names the setting as the library spells it
/// ("ImageRowsOptions.Hidden must be at least 1, got 0."); <see cref="Setting"/> and <see cref="Requirement"/> let a
/// program name it in its own words.
/// </summary>
public sealed class ImageRowsSettingException : ArgumentException
{
    /// <summary>Creates the exception; <paramref name="requirement"/> follows the setting's name ("must be at least 1, got 0.").</summary>
    public ImageRowsSettingException(ImageRowsSetting setting, string requirement)
        : base($"{NameOf(setting)} {requirement}")
    {
        Setting = setting;
        Requirement = requirement;
    }

    /// <summary>The setting whose value cannot be used.</summary>
    public ImageRowsSetting Setting { get; }

    /// <summary>What the value must be, or what is wrong with it, as a sentence that follows the setting's name.</summary>
    public string Requirement { get; }

    private static string NameOf(ImageRowsSetting setting) =>
        (setting == ImageRowsSetting.OutputDirectory ? nameof(ImageClassifier) : nameof(ImageRowsOptions)) + "." + setting;
}
