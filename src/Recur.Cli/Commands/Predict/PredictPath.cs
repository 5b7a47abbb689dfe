using Spectre.Console;

namespace Recur.Cli.Commands.Predict;

/// <summary>What <c>recur predict</c> does for one recipe's models, printing to <paramref name="console"/> (warnings to <paramref name="errors"/>); returns the exit code.</summary>
internal delegate int PredictPath(IAnsiConsole console, IAnsiConsole errors, PredictRequest request);
