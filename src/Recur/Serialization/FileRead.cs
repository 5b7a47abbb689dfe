using Microsoft.Win32.SafeHandles;

namespace Recur.Serialization;

/// <summary>Positional reads that fill the whole buffer or say which file came up short.</summary>
internal static class FileRead
{
    /// <summary>Reads <c>buffer.Length</c> bytes at <paramref name="offset"/>, or throws if the file ends first.</summary>
    public static void Exactly(SafeFileHandle file, Span<byte> buffer, long offset, string path)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(file, buffer, offset);
            if (read == 0)
                throw new InvalidDataException($"Safetensors file '{path}': the file ends at byte {offset}, before the data it declares (was it changed while being read?).");
            buffer = buffer[read..];
            offset += read;
        }
    }
}
