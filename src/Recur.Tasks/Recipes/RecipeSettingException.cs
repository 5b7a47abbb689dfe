namespace Recur.Tasks.Recipes;

/// <summary>
/// A value of a recipe's setting that the recipe cannot use. The message names the setting as the library spells it
/// ("ForecastOptions.Layers must be at least 1, got 0."); a subclass carries the setting as a typed value, and
/// <see cref="Requirement"/> lets a program name it in its own words (a command line, its flag).
/// </summary>
public abstract class RecipeSettingException : ArgumentException
{
    /// <summary>Creates the exception; <paramref name="requirement"/> follows the setting's name ("must be at least 1, got 0.").</summary>
    protected RecipeSettingException(string settingName, string requirement)
        : base($"{settingName} {requirement}")
    {
        Requirement = requirement;
    }

    /// <summary>What the value must be, or what is wrong with it, as a sentence that follows the setting's name.</summary>
    public string Requirement { get; }
}
