using System.Text;
using Recur.Data.Text;

namespace Recur.Data.Prices;

/// <summary>A price file's bytes decoded to text, and the encoding that decoded them (named or detected).</summary>
internal sealed record PriceFileText(string Text, string EncodingName)
{
    /// <summary>
    /// Reads and decodes a file strictly; undecodable bytes, or an encoding name this system does not know, are a
    /// <see cref="DataFormatException"/> (naming the line for bytes): a <see cref="PriceFormatException"/> whose remedy is
    /// to name the encoding when the bytes fit neither detected encoding.
    /// </summary>
    public static PriceFileText Read(string path, string? encodingName)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (encodingName is not null)
        {
            Encoding named;
            try
            {
                named = TextEncodings.Get(encodingName);
            }
            catch (ArgumentException e)
            {
                // The name is part of how this file is to be read, so it is reported like the file's other problems.
                throw new DataFormatException(path, null, null,
                    $"the encoding '{encodingName}' is unknown; price files are usually utf-8 or cp949 (euc-kr), or leave it unset to detect.", e);
            }
            return Decode(path, bytes, named,
                "the file is in another encoding: name the right one (utf-8 or cp949) or leave the encoding unset to detect it.");
        }

        Encoding detected = TextEncodings.Detect(bytes);
        try
        {
            return Decode(path, bytes, detected, "the file is neither UTF-8 nor CP949");
        }
        catch (DataFormatException e)
        {
            throw new PriceFormatException(path, e.Line, e.Column, e.Problem, [PriceReadRemedy.NameEncoding], e);
        }
    }

    private static PriceFileText Decode(string path, byte[] bytes, Encoding encoding, string advice)
    {
        string text = TextFile.Decode(path, bytes, encoding, advice, out bool hadByteOrderMark);
        return new PriceFileText(text, TextEncodings.NameOf(encoding) + (hadByteOrderMark ? " (with BOM)" : ""));
    }
}
