using System.CommandLine;

namespace Recur.Cli.Commands.Predict;

/// <summary>
/// What <c>recur predict</c> does for the models of one recipe: the flags that give it input, and the prediction. The
/// command reads the recipe a checkpoint names and hands the run to the matching one; a new recipe adds one of these to
/// <see cref="PredictCommand"/>'s list.
/// </summary>
internal interface IPredictRecipe
{
    /// <summary>The <c>recipe</c> value of the checkpoints it reads (<c>forecast</c>, <c>images</c>).</summary>
    string Recipe { get; }

    /// <summary>The command whose models they are, for messages (<c>recur forecast</c>).</summary>
    string TrainedBy { get; }

    /// <summary>Its input flags, added to <c>recur predict</c>.</summary>
    IReadOnlyList<Option> Options { get; }

    /// <summary>How its input is given, for a message that says which flags the model needs ("--csv FILE").</summary>
    string Usage { get; }

    /// <summary>Predicts with the model in <paramref name="modelDirectory"/>; returns the exit code.</summary>
    int Run(ParseResult parse, string modelDirectory, bool json);
}
