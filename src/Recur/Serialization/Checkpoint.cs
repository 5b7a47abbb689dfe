using System.Text.Json;
using System.Text.Json.Nodes;

namespace Recur.Serialization;

/// <summary>
/// A training checkpoint in a directory: <c>checkpoint.json</c> (format, version, epoch, the model's architecture and
/// hyper-parameters, anything else the recipe needs such as a scaler or a vocabulary, random-generator states), the
/// weights as safetensors under PyTorch's <c>state_dict</c> names, and the optimizer's state as safetensors.
/// </summary>
/// <remarks>
/// Saving writes new, epoch-numbered tensor files first and then replaces <c>checkpoint.json</c>, which names them,
/// atomically; files of older saves are removed afterwards. An interrupted save therefore leaves the previous
/// checkpoint whole and in force.
/// </remarks>
public sealed class Checkpoint
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestName = "checkpoint.json";

    /// <summary>The format this version of Recur writes.</summary>
    public const int CurrentVersion = 1;

    private const string FormatName = "recur-checkpoint";

    /// <summary>Epochs completed when the checkpoint was taken.</summary>
    public required int Epoch { get; init; }

    /// <summary>The model's weights by PyTorch name.</summary>
    public required IReadOnlyDictionary<string, Tensor> Weights { get; init; }

    /// <summary>The optimizer's state (<see cref="Optim.Optimizer.StateDict"/>), or null.</summary>
    public IReadOnlyDictionary<string, Tensor>? OptimizerState { get; init; }

    /// <summary>What the recipe needs to rebuild the model and its data handling (architecture, hyper-parameters, scaler, vocabulary…).</summary>
    public JsonObject Config { get; init; } = [];

    /// <summary>Training state to resume exactly: generator states, schedule counters, history (free-form).</summary>
    public JsonObject TrainingState { get; init; } = [];

    /// <summary>Writes the checkpoint into <paramref name="directory"/> (created if missing).</summary>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write a checkpoint to '{directory}': {e.Message}", e);
        }
        // One save at a time: a second trainer saving into this folder fails at once instead of mixing generations, and
        // what the cleanup below deletes cannot be another save's files in flight.
        using var saving = RunLock.Acquire(directory, "another checkpoint save");
        var previous = TryReadManifestFiles(directory);
        string stamp = $"{Epoch:D6}-{Guid.NewGuid().ToString("N")[..8]}";
        string weightsFile = $"model-{stamp}.safetensors";
        string? optimizerFile = OptimizerState is null ? null : $"optimizer-{stamp}.safetensors";
        SafeTensors.Save(Path.Combine(directory, weightsFile), Weights);
        if (optimizerFile is not null) SafeTensors.Save(Path.Combine(directory, optimizerFile), OptimizerState!);

        var manifest = new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = CurrentVersion,
            ["epoch"] = Epoch,
            ["weights"] = weightsFile,
            ["optimizer"] = optimizerFile,
            ["config"] = Config.DeepClone(),
            ["training"] = TrainingState.DeepClone(),
        };
        var json = NonFiniteJson.Encode(manifest)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(Path.Combine(directory, ManifestName), json);
        // The files of the manifest just replaced stay one more save, so that a reader who read that manifest a moment
        // ago (predict on a run still training) still finds them; older ones, and files left by interrupted saves
        // (tensor files no manifest names, temporary files), go now.
        var keep = new HashSet<string>(previous, StringComparer.Ordinal) { weightsFile, ManifestName, RunLock.FileName };
        if (optimizerFile is not null) keep.Add(optimizerFile);
        foreach (string path in System.IO.Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(path);
            if (!keep.Contains(name) && IsSaveFile(name)) AtomicFile.TryDelete(path);
        }
    }

    /// <summary>A file a save writes: an epoch-stamped tensor file, or a temporary file of one being written.</summary>
    private static bool IsSaveFile(string name) =>
        name.EndsWith(".tmp", StringComparison.Ordinal) && name.StartsWith('.')
        || (name.StartsWith("model-", StringComparison.Ordinal) || name.StartsWith("optimizer-", StringComparison.Ordinal))
           && name.EndsWith(".safetensors", StringComparison.Ordinal);

    /// <summary>True when <paramref name="directory"/> holds a Recur checkpoint manifest.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, ManifestName));

    /// <summary>Reads a checkpoint; a missing, corrupt, truncated or incompatible one is an <see cref="InvalidDataException"/> naming the file.</summary>
    /// <param name="directory">The checkpoint's folder.</param>
    /// <param name="withOptimizer">
    /// False to leave the optimizer's file alone (<see cref="OptimizerState"/> is then null): predicting needs only the
    /// weights and the config, and a resume that resets the optimizer does not need its state.
    /// </param>
    /// <remarks>
    /// Every file is checked before it is opened: a symbolic link leading out of the folder, a FIFO, a device or an empty
    /// file is refused, and messages quote no file contents beyond a short, capped excerpt of the manifest. A load that
    /// meets a missing or changing file while a trainer saves into the folder reads the new manifest and tries again.
    /// </remarks>
    public static Checkpoint Load(string directory, bool withOptimizer = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string manifestPath = Path.Combine(directory, ManifestName);
        for (int attempt = 1; ; attempt++)
        {
            string? before = TryReadText(manifestPath);
            try
            {
                return LoadOnce(directory, withOptimizer);
            }
            catch (InvalidDataException) when (attempt < 3 && TryReadText(manifestPath) != before)
            {
                // A save replaced the manifest while this load read it: its files are the new ones.
            }
        }
    }

    private static string? TryReadText(string path)
    {
        try
        {
            return new FileInfo(path) is { Exists: true, Length: > 0 } && new FileInfo(path).LinkTarget is null ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Checkpoint LoadOnce(string directory, bool withOptimizer)
    {
        string manifestPath = Path.Combine(directory, ManifestName);
        if (!File.Exists(manifestPath))
            throw new InvalidDataException($"'{directory}' is not a Recur checkpoint: it has no {ManifestName}.");
        FolderFile.RequireReadable(directory, manifestPath, manifestPath);
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(File.ReadAllText(manifestPath)) as JsonObject
                ?? throw new InvalidDataException($"{manifestPath}: the manifest is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{manifestPath}: not valid JSON ({e.Message}).", e);
        }
        if ((string?)manifest["format"] != FormatName)
            throw new InvalidDataException($"{manifestPath}: not a Recur checkpoint (format is '{QuotedText.Cap(manifest["format"]?.ToJsonString())}').");
        int version = Read<int>(manifest, "version", manifestPath);
        if (version < 1)
            throw new InvalidDataException($"{manifestPath}: checkpoint format version {version} is not a version (versions start at 1).");
        if (version > CurrentVersion)
            throw new InvalidDataException($"{manifestPath}: checkpoint format version {version} is newer than this Recur reads ({CurrentVersion}).");
        string weightsFile = Read<string>(manifest, "weights", manifestPath);
        string? optimizerFile = (string?)manifest["optimizer"];
        int epoch = Read<int>(manifest, "epoch", manifestPath);
        if (epoch < 0)
            throw new InvalidDataException($"{manifestPath}: 'epoch' is {epoch}; epochs completed cannot be negative.");
        return new Checkpoint
        {
            Epoch = epoch,
            Weights = LoadTensors(directory, weightsFile, manifestPath),
            OptimizerState = optimizerFile is null || !withOptimizer ? null : LoadTensors(directory, optimizerFile, manifestPath),
            Config = manifest["config"] as JsonObject ?? [],
            TrainingState = manifest["training"] as JsonObject ?? [],
        };
    }

    private static Dictionary<string, Tensor> LoadTensors(string directory, string file, string manifestPath)
    {
        if (file.Contains('/') || file.Contains('\\') || file.Contains(".."))
            throw new InvalidDataException($"{manifestPath}: tensor file name '{QuotedText.Cap(file)}' must be a plain file name in the checkpoint directory.");
        string path = Path.Combine(directory, file);
        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null)
            throw new InvalidDataException($"{manifestPath} names '{QuotedText.Cap(file)}', which is missing: the checkpoint is incomplete.");
        FolderFile.RequireReadable(directory, path, manifestPath);
        return SafeTensors.Load(path);
    }

    private static T Read<T>(JsonObject manifest, string key, string path)
    {
        try
        {
            var node = manifest[key] ?? throw new InvalidDataException($"{path}: the manifest has no '{key}'.");
            return node.GetValue<T>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: '{key}' is not a {typeof(T).Name}.", e);
        }
    }

    private static List<string> TryReadManifestFiles(string directory)
    {
        try
        {
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, ManifestName))) as JsonObject;
            return new[] { (string?)manifest?["weights"], (string?)manifest?["optimizer"] }.OfType<string>().ToList();
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
