using Recur.Serialization;

namespace Recur.Cli;

/// <summary>The files a run leaves in its output directory, each written whole through <see cref="AtomicFile"/>, and their names in order.</summary>
internal sealed class RunFiles(string directory)
{
    private readonly List<string> _names = [];

    /// <summary>The names listed so far, in order (what the JSON summary and the last line report).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Lists a name written by someone else (the checkpoint folder) or about to be written.</summary>
    public void List(string name) => _names.Add(name);

    /// <summary>Writes a text file (UTF-8) and lists it.</summary>
    public void Write(string name, string text)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, name), text);
        ListOnce(name);
    }

    /// <summary>Writes a binary file and lists it.</summary>
    public void Write(string name, byte[] bytes)
    {
        AtomicFile.WriteAllBytes(Path.Combine(directory, name), bytes);
        ListOnce(name);
    }

    private void ListOnce(string name)
    {
        if (!_names.Contains(name)) _names.Add(name);
    }
}
