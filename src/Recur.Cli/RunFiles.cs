using System.Text.Json;
using System.Text.Json.Nodes;
using Recur.Serialization;
using Recur.Tasks.Recipes;

namespace Recur.Cli;

/// <summary>
/// The files a run leaves in its output directory, changed as a unit. Files are written (each through
/// <see cref="AtomicFile"/>) into a staging folder <c>.staging-&lt;id&gt;/</c> inside the directory; <see cref="Commit"/>
/// writes the folder's journal (<see cref="JournalName"/>: the files to move in and the previous run's files to remove)
/// and only then moves the files into place, removes the previous run's others and records the new set
/// (<see cref="RecordName"/>). A run killed before the journal leaves the previous run's files untouched and a staging
/// folder that <see cref="Recover"/> deletes; one killed after it leaves a journal that <see cref="Recover"/> carries out.
/// Either way, once recovered, the directory holds one run's complete set. The checkpoint folder keeps its own protocol
/// and is only <see cref="List">listed</see> here; a run that lists none (a backtest forced over a trained model's
/// directory) removes the one in place with the previous run's other files, so its reports never sit beside another
/// run's model.
/// </summary>
internal sealed class RunFiles
{
    /// <summary>The start of a staging folder's name.</summary>
    public const string StagingPrefix = ".staging-";

    /// <summary>The journal in a staging folder: written last, it marks the staged set complete.</summary>
    public const string JournalName = "journal.json";

    /// <summary>The record, in the output directory, of the files the run in place wrote (what the next run replaces).</summary>
    public const string RecordName = ".recur-files.json";

    // The sub-folder a training run keeps its model in.
    private const string CheckpointFolder = RecipeCheckpoint.Folder;

    private readonly string _directory;
    private readonly Action<string>? _afterStep;
    private readonly List<string> _names = [];
    private readonly List<string> _staged = [];
    private string? _staging;

    /// <summary>Files for a run whose output directory is <paramref name="directory"/> (prepared and locked by <see cref="OutputDirectory"/>).</summary>
    public RunFiles(string directory) : this(directory, null)
    {
    }

    /// <summary>
    /// As <see cref="RunFiles(string)"/>, calling <paramref name="afterStep"/> after every step that changes the disk (a
    /// file staged, the journal written, a file moved in, a file removed, the record written) with a word naming it: a
    /// test throws there to stop the run where a kill would.
    /// </summary>
    internal RunFiles(string directory, Action<string>? afterStep)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
        _afterStep = afterStep;
    }

    /// <summary>The names listed so far, in order (what the JSON summary and the last line report).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Lists a name written by someone else (the checkpoint folder) or about to be written.</summary>
    public void List(string name) => _names.Add(name);

    /// <summary>Stages a text file (UTF-8) and lists it.</summary>
    public void Write(string name, string text) => Stage(name, path => AtomicFile.WriteAllText(path, text));

    /// <summary>Stages a text file (UTF-8) written by <paramref name="write"/> as it is made, and lists it.</summary>
    public void Write(string name, Action<TextWriter> write) => Stage(name, path => AtomicFile.WriteText(path, write));

    /// <summary>Stages a binary file and lists it.</summary>
    public void Write(string name, byte[] bytes) => Stage(name, path => AtomicFile.WriteAllBytes(path, bytes));

    /// <summary>Moves the staged files into the output directory as one unit, replacing the previous run's set.</summary>
    public void Commit()
    {
        if (_staging is null) return;
        var previous = ReadRecord(_directory).ToList();
        if (!_names.Contains(CheckpointFolder + "/") && Directory.Exists(Path.Combine(_directory, CheckpointFolder)))
            previous.Add(CheckpointFolder);
        var journal = new JsonObject
        {
            ["files"] = new JsonArray([.. _staged.Select(n => JsonValue.Create(n))]),
            ["replaces"] = new JsonArray([.. previous.Except(_staged, StringComparer.Ordinal).Select(n => JsonValue.Create(n))]),
        };
        AtomicFile.WriteAllText(Path.Combine(_staging, JournalName), journal.ToJsonString());
        _afterStep?.Invoke("journal");
        RollForward(_directory, _staging, _afterStep);
        _staging = null;
        _staged.Clear();
    }

    /// <summary>
    /// Finishes or undoes what a killed run left in <paramref name="directory"/>: a staging folder with its journal is
    /// carried out (its files moved in, the previous run's others removed), one without is deleted. Call it holding the
    /// directory's <see cref="RunLock"/>.
    /// </summary>
    public static void Recover(string directory)
    {
        if (!Directory.Exists(directory)) return;
        var stagings = new DirectoryInfo(directory).GetDirectories(StagingPrefix + "*").OrderBy(d => d.CreationTimeUtc).ToList();
        foreach (var staging in stagings)
        {
            if (File.Exists(Path.Combine(staging.FullName, JournalName)))
                RollForward(directory, staging.FullName, null);
            else
                staging.Delete(recursive: true);
        }
    }

    private void Stage(string name, Action<string> write)
    {
        if (name.Length == 0 || name != Path.GetFileName(name) || name.StartsWith('.'))
            throw new ArgumentException($"a run's file is a plain visible name, not '{name}'.", nameof(name));
        if (_staging is null)
        {
            string staging = Path.Combine(_directory, StagingPrefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(staging);
            _staging = staging;
        }
        write(Path.Combine(_staging, name));
        if (!_staged.Contains(name)) _staged.Add(name);
        if (!_names.Contains(name)) _names.Add(name);
        _afterStep?.Invoke("staged " + name);
    }

    // Carries out a complete staging folder's journal. Every step can be repeated, so a kill inside it is finished by the
    // next Recover: a file already moved is no longer staged, a file already removed is gone.
    private static void RollForward(string directory, string staging, Action<string>? afterStep)
    {
        var journal = JsonNode.Parse(File.ReadAllText(Path.Combine(staging, JournalName)))!.AsObject();
        string[] files = PlainNames(journal["files"]), replaces = PlainNames(journal["replaces"]);
        foreach (string name in files)
        {
            string staged = Path.Combine(staging, name);
            if (!File.Exists(staged)) continue;
            File.Move(staged, Path.Combine(directory, name), overwrite: true);
            afterStep?.Invoke("moved " + name);
        }
        foreach (string name in replaces)
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
                File.Delete(path);
            else if (name == CheckpointFolder && Directory.Exists(path))
                // One rename takes the model away whole (a reader never meets half a folder); it goes with the staging folder.
                Directory.Move(path, Path.Combine(staging, "replaced-" + name));
            else
                continue;
            afterStep?.Invoke("removed " + name);
        }
        AtomicFile.WriteAllText(Path.Combine(directory, RecordName), new JsonArray([.. files.Select(n => JsonValue.Create(n))]).ToJsonString());
        afterStep?.Invoke("recorded");
        Directory.Delete(staging, recursive: true);
    }

    // The files the run in place wrote; none when no run recorded them (a directory older than the record, or a new one).
    private static string[] ReadRecord(string directory)
    {
        string path = Path.Combine(directory, RecordName);
        if (!File.Exists(path)) return [];
        try
        {
            return PlainNames(JsonNode.Parse(File.ReadAllText(path)));
        }
        catch (JsonException)
        {
            // An unreadable record only means the previous run's stray files are not removed; the new set is still whole.
            return [];
        }
    }

    // Only plain names are honoured, so an edited journal or record cannot move or delete anything outside the directory.
    private static string[] PlainNames(JsonNode? node) =>
        node is JsonArray array
            ? [.. array.Select(n => n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : "")
                .Where(n => n.Length > 0 && n == Path.GetFileName(n) && !n.StartsWith('.'))]
            : [];
}
