using System.Text.Json;

namespace Recur.Bench;

/// <summary>Runs a peer script under Debian's /usr/bin/python3 and reads the JSON objects it prints, one a line.</summary>
internal static class PythonPeer
{
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// Runs <paramref name="relativeScript"/> (found by walking up from the working directory) with <paramref name="arguments"/>
    /// when python3 can import <paramref name="modules"/>; returns the parsed lines, or null after saying on stderr why not.
    /// </summary>
    public static List<JsonElement>? Run(string relativeScript, string[] arguments, string modules, bool required)
    {
        string? script = RepositoryFile.Find(relativeScript);
        if (script is null || !File.Exists(Python) || PeerProcess.Run(Python, ["-c", $"import {modules}"], out _) != 0)
        {
            Console.Error.WriteLine(required
                ? $"--peer: needs {Python} with {modules}, and {relativeScript} (found: {script ?? "no script"})."
                : $"(No peer: {Python} with {modules} not found; pass --peer to insist.)");
            return null;
        }

        Console.Error.WriteLine($"Running {Python} {script} {string.Join(' ', arguments)} …");
        if (PeerProcess.Run(Python, [script, .. arguments], out string output) != 0)
        {
            Console.Error.WriteLine("The peer script failed:");
            Console.Error.WriteLine(output);
            return null;
        }
        return PeerProcess.JsonLines(output);
    }
}
