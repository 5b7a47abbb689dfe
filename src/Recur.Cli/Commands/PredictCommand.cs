using System.CommandLine;
using Recur.Cli.Commands.Predict;
using Recur.Tasks;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur predict --model DIR …</c>: a prediction from a trained model. The checkpoint names the recipe that trained it
/// (<c>forecast</c>, <c>images</c>), which decides the input flags: <c>--csv FILE</c> for a forecast model,
/// <c>--png FILE</c> or <c>--idx FILE --index N</c> for an image model.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(IAnsiConsole console)
    {
        IPredictRecipe[] recipes = [new ForecastPredictRecipe(console), new ImagesPredictRecipe(console)];
        var model = new Option<string>("--model") { Description = "The output directory of a training command (recur forecast, recur images) or its checkpoint folder.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the prediction as JSON." };
        var command = new Command("predict",
            "Predict with a trained model: the next value(s) after the latest window of a CSV (forecast models), or the class of an image (image models).")
        {
            model, json,
        };
        foreach (var recipe in recipes)
            foreach (var option in recipe.Options) command.Options.Add(option);
        command.SetAction(parse =>
        {
            string directory = parse.GetValue(model)!;
            string name = TrainedModel.RecipeOf(directory);
            var recipe = recipes.FirstOrDefault(r => r.Recipe == name)
                ?? throw new InvalidDataException($"{directory} holds a model of the '{name}' recipe, which recur predict does not read.");
            // A flag of another recipe's models would be ignored silently; say which flags this model reads instead.
            foreach (var other in recipes.Where(r => r != recipe))
                foreach (var option in other.Options)
                    if (parse.GetResult(option) is { Implicit: false })
                        throw new ArgumentException($"{option.Name} is for models of {other.TrainedBy}, but {directory} holds a model of {recipe.TrainedBy}: give {recipe.Usage}.");
            return recipe.Run(parse, directory, parse.GetValue(json));
        });
        return command;
    }
}
