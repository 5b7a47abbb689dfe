namespace Recur.Losses;

/// <summary>Class indices stored as floats, as datasets hold targets, read back as integers.</summary>
internal static class ClassIndex
{
    /// <summary>
    /// <paramref name="value"/> as an integer; an error naming <paramref name="owner"/>, <paramref name="what"/> and
    /// <paramref name="position"/> when it has a fraction or lies beyond the integers.
    /// </summary>
    public static int Read(float value, int position, string owner, string what) =>
        value == MathF.Floor(value) && MathF.Abs(value) < int.MaxValue
            ? (int)value
            : throw new ArgumentException($"{owner}: {what} {position} is {value}, not a class index.");
}
