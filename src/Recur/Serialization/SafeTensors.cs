using Microsoft.Win32.SafeHandles;

namespace Recur.Serialization;

/// <summary>
/// Reads and writes Hugging Face <c>.safetensors</c> files, so PyTorch weights move both ways:
/// <c>module.LoadStateDict(SafeTensors.Load("model.safetensors"))</c> after
/// <c>safetensors.torch.save_file(model.state_dict(), "model.safetensors")</c> in Python, and
/// <c>SafeTensors.Save(path, module.StateDict())</c> for <c>safetensors.torch.load_file</c>.
/// </summary>
/// <remarks>
/// <para>
/// Format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
/// <c>{"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}</c> (offsets into the data that follows),
/// plus an optional <c>"__metadata__"</c> object of strings, then the raw little-endian element bytes, row-major.
/// </para>
/// <para>
/// Loading reads F32 as is and converts F64, F16 and BF16 to float32. A malformed file throws
/// <see cref="InvalidDataException"/>; an integer, boolean or other non-float tensor throws
/// <see cref="NotSupportedException"/>. Either message names the file and what is wrong.
/// </para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>
    /// Loads every tensor of the safetensors file at <paramref name="path"/> as a float32 <see cref="Tensor"/>,
    /// keyed by name; the dictionary enumerates in the order the file's header lists them.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, its header is not valid, or offsets do not match shapes.</exception>
    /// <exception cref="NotSupportedException">A tensor's dtype is not F32, F64, F16 or BF16 (e.g. I64).</exception>
    public static Dictionary<string, Tensor> Load(string path)
    {
        using var file = Open(path);
        var header = SafeTensorsHeader.Read(file, path);
        return SafeTensorsReader.ReadAll(file, header, path);
    }

    /// <summary>
    /// The <c>"__metadata__"</c> strings of the safetensors file at <paramref name="path"/> (empty if it has none).
    /// Reads and checks only the header, not the tensor data.
    /// </summary>
    /// <exception cref="InvalidDataException">The file's header is not valid.</exception>
    public static Dictionary<string, string> LoadMetadata(string path)
    {
        using var file = Open(path);
        return SafeTensorsHeader.Read(file, path).Metadata;
    }

    /// <summary>
    /// Saves <paramref name="tensors"/> as float32 to <paramref name="path"/>, laid out as the reference
    /// implementation writes it (tensors sorted by name, contiguous offsets, header padded with spaces to a multiple
    /// of 8 bytes), with optional <paramref name="metadata"/> (PyTorch tooling commonly uses <c>{"format": "pt"}</c>).
    /// The file is written to a temporary name in the same directory and renamed over <paramref name="path"/>, so a
    /// failed save leaves any existing file untouched.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor name is empty or <c>"__metadata__"</c>, or a tensor or metadata value is null.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory of <paramref name="path"/> does not exist.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafeTensorsWriter.Write(path, tensors, metadata);
    }

    private static SafeFileHandle Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
    }
}
