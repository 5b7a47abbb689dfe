using Spectre.Console;

namespace Recur.Cli.Commands.Predict;

/// <summary>What <c>recur predict</c> does for one recipe's models; returns the exit code.</summary>
internal delegate int PredictPath(IAnsiConsole console, PredictRequest request);
