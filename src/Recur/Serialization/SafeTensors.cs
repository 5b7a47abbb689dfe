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
/// Loading reads F32 as is and converts F64, F16 and BF16 to float32, and integer and boolean tensors (PyTorch's
/// <c>num_batches_tracked</c>, <c>position_ids</c>, masks) to float32 where every value is exact; <see cref="LoadIntegers"/>
/// reads those as they are. With <c>LoadStateDict(state, strict: false)</c> a module takes what it owns and ignores the
/// buffers it does not. A malformed file throws <see cref="InvalidDataException"/>; a dtype Recur cannot read (the 8-bit
/// floats, complex), or an integer beyond float32's exact range, throws <see cref="NotSupportedException"/>. Either
/// message names the file and what is wrong.
/// </para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>
    /// Loads every tensor of the safetensors file at <paramref name="path"/> as a float32 <see cref="Tensor"/>,
    /// keyed by name; the dictionary enumerates in the order the file's header lists them. Integer and boolean tensors
    /// become float32 when every value is one exactly (booleans are 0 and 1).
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, its header is not valid, or offsets do not match shapes.</exception>
    /// <exception cref="NotSupportedException">
    /// A tensor's dtype is an 8-bit float or complex, or an integer tensor holds a value float32 cannot hold exactly
    /// (read it with <see cref="LoadIntegers"/>).
    /// </exception>
    public static Dictionary<string, Tensor> Load(string path)
    {
        using var file = Open(path);
        var header = SafeTensorsHeader.Read(file, path);
        return SafeTensorsReader.ReadAll(file, header, path);
    }

    /// <summary>
    /// The integer and boolean tensors of the safetensors file at <paramref name="path"/> as they are stored, widened to
    /// 64-bit integers and keyed by name (the file's floating-point tensors are left out).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is truncated or its header is not valid.</exception>
    /// <exception cref="NotSupportedException">A U64 value exceeds <see cref="long.MaxValue"/>.</exception>
    public static Dictionary<string, IntegerTensor> LoadIntegers(string path)
    {
        using var file = Open(path);
        var header = SafeTensorsHeader.Read(file, path);
        return SafeTensorsReader.ReadIntegers(file, header, path);
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
    /// Saves <paramref name="tensors"/> as <paramref name="dtype"/> (float32 by default; F16 or BF16 halve the file,
    /// rounded to nearest even as PyTorch's <c>.half()</c> and <c>.bfloat16()</c>) to <paramref name="path"/>, laid out as the reference
    /// implementation writes it (tensors sorted by name, contiguous offsets, header padded with spaces to a multiple
    /// of 8 bytes), with optional <paramref name="metadata"/> (PyTorch tooling commonly uses <c>{"format": "pt"}</c>).
    /// The file is written to a temporary name in the same directory and renamed over <paramref name="path"/>, so a
    /// failed save leaves any existing file untouched.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor name is empty or <c>"__metadata__"</c>, or a tensor or metadata value is null.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not F32, F16 or BF16.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null,
        SafeTensorsDType dtype = SafeTensorsDType.F32)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafeTensorsWriter.Write(path, tensors, metadata, dtype);
    }

    private static SafeFileHandle Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
    }
}
