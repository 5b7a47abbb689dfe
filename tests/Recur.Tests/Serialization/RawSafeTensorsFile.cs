using System.Buffers.Binary;
using System.Text;

namespace Recur.Tests.Serialization;

/// <summary>Writes safetensors files byte by byte, so tests can build both valid and deliberately broken ones.</summary>
public static class RawSafeTensorsFile
{
    /// <summary>
    /// Writes the 8-byte length (the JSON's UTF-8 length unless <paramref name="declaredHeaderLength"/> is given),
    /// the header JSON, then <paramref name="data"/>.
    /// </summary>
    public static void Write(string path, string headerJson, byte[] data, ulong? declaredHeaderLength = null)
    {
        byte[] json = Encoding.UTF8.GetBytes(headerJson);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredHeaderLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>The little-endian bytes of float32 values.</summary>
    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }
}
