namespace Recur.Tasks;

/// <summary>
/// A value of a recipe's setting that the recipe cannot use. The message names the setting as the library spells it
/// ("ForecastOptions.Layers must be at least 1, got 0."); <see cref="Setting"/> and <see cref="Requirement"/> let a
/// program name it in its own words (a command line's flag).
/// </summary>
/// <typeparam name="TSetting">The recipe's enumeration of its settings.</typeparam>
public abstract class RecipeSettingException<TSetting> : ArgumentException where TSetting : struct, Enum
{
    /// <summary>Creates the exception; <paramref name="requirement"/> follows <paramref name="settingName"/> ("must be at least 1, got 0.").</summary>
    protected RecipeSettingException(TSetting setting, string settingName, string requirement)
        : base($"{settingName} {requirement}")
    {
        Setting = setting;
        Requirement = requirement;
    }

    /// <summary>The setting whose value cannot be used.</summary>
    public TSetting Setting { get; }

    /// <summary>What the value must be, or what is wrong with it, as a sentence that follows the setting's name.</summary>
    public string Requirement { get; }
}
