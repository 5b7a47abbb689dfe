using System.CommandLine;

namespace Recur.Cli;

/// <summary>
/// <c>--reset-optimizer</c> of the training commands that resume: continue from a checkpoint with a fresh optimizer.
/// Without it a resume needs the checkpoint's optimizer state and refuses a missing or unrelated one.
/// </summary>
internal static class ResetOptimizerOption
{
    /// <summary>The flag.</summary>
    public static Option<bool> Create() => new("--reset-optimizer")
    {
        Description = "With --resume: start the optimizer afresh (zero moments) instead of restoring its state; needed when the checkpoint has none.",
    };

    /// <summary>The flag's value.</summary>
    /// <exception cref="ArgumentException">It was given without <paramref name="resume"/>.</exception>
    public static bool Read(ParseResult parse, Option<bool> option, Option<bool> resume) =>
        !parse.GetValue(option) ? false
        : parse.GetValue(resume) ? true
        : throw new ArgumentException("--reset-optimizer applies to a resumed run: give it with --resume.");
}
