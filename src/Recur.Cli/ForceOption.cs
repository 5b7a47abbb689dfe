using System.CommandLine;

namespace Recur.Cli;

/// <summary><c>--force</c> of the training commands: replace the trained model an output directory already holds.</summary>
internal static class ForceOption
{
    /// <summary>The flag.</summary>
    public static Option<bool> Create() => new("--force")
    {
        Description = "Replace the trained model --out already holds (without it such a directory is refused; --resume continues it).",
    };
}
