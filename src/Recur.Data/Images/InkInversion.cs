namespace Recur.Data.Images;

/// <summary>
/// Whether <see cref="GreyImageReader"/> inverts a picture so that ink is bright on a dark background, as MNIST and
/// Fashion-MNIST store their images (0 = background, 255 = full ink).
/// </summary>
public enum InkInversion
{
    /// <summary>Invert when the picture's border is mostly light (dark ink on white paper), else keep it.</summary>
    Auto,
    /// <summary>Always invert.</summary>
    Always,
    /// <summary>Never invert.</summary>
    Never,
}
