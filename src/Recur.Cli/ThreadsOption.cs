using System.CommandLine;
using Recur.Kernels;

namespace Recur.Cli;

/// <summary><c>--threads N</c> of the training commands: how many threads the numeric kernels may use.</summary>
internal static class ThreadsOption
{
    /// <summary>The flag; unset, the kernels use every core.</summary>
    public static Option<int?> Create() => new("--threads") { Description = "Threads the numeric kernels may use (default: all cores). Speed only: results are the same bits for any count." };

    /// <summary>Sets <see cref="KernelThreads.Max"/> when <paramref name="option"/> was given.</summary>
    /// <exception cref="ArgumentException">The count is below 1.</exception>
    public static void Apply(ParseResult parse, Option<int?> option)
    {
        if (parse.GetValue(option) is int n)
            KernelThreads.Max = n >= 1 ? n : throw new ArgumentException($"--threads must be at least 1, got {n}.");
    }
}
