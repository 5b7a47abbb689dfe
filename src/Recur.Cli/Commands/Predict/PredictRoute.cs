using System.CommandLine;

namespace Recur.Cli.Commands.Predict;

/// <summary>How <c>recur predict</c> serves one recipe's models.</summary>
/// <param name="Recipe">The <c>recipe</c> value of the checkpoints it reads.</param>
/// <param name="TrainedBy">The command whose models they are, for messages (<c>recur forecast</c>).</param>
/// <param name="Usage">How its input is given, for a message that says which flags the model reads.</param>
/// <param name="Reads">The input flags it reads; the others are refused for its models.</param>
/// <param name="Run">The prediction.</param>
internal sealed record PredictRoute(string Recipe, string TrainedBy, string Usage, IReadOnlyList<Option> Reads, PredictPath Run);
