namespace Recur.Data.Images;

/// <summary>How <see cref="GreyImageReader"/> turns a picture file into a grey image of a model's size.</summary>
public sealed record GreyImageOptions
{
    /// <summary>Pixel rows of the result (28 for MNIST).</summary>
    public int Rows { get; init; } = 28;

    /// <summary>Pixel columns of the result (28 for MNIST).</summary>
    public int Columns { get; init; } = 28;

    /// <summary>
    /// Scale a picture of another size to fit <see cref="Rows"/> × <see cref="Columns"/>, keeping its proportions and
    /// centring it on background. Off, such a picture is refused (<see cref="ImageSizeException"/>).
    /// </summary>
    public bool Resize { get; init; }

    /// <summary>Whether to invert the picture so that ink is bright on dark, as the datasets store it.</summary>
    public InkInversion Invert { get; init; } = InkInversion.Auto;
}
