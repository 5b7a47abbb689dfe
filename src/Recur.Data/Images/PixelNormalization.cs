using System.Numerics.Tensors;

namespace Recur.Data.Images;

/// <summary>
/// How grey pixels become network inputs: <c>(byte / 255 − Mean) / Std</c>, torchvision's <c>ToTensor</c> followed by
/// <c>Normalize((mean,), (std,))</c>. <see cref="UnitRange"/> is <c>ToTensor</c> alone (pixels in [0, 1], the course's
/// input); <see cref="Fit"/> measures the mean and standard deviation of a training set (0.1307 and 0.3081 on MNIST's
/// training digits, the values PyTorch's examples hard-code).
/// </summary>
public sealed record PixelNormalization
{
    /// <summary>Creates the normalisation; <paramref name="std"/> must be positive and finite, <paramref name="mean"/> finite.</summary>
    public PixelNormalization(float mean, float std)
    {
        if (!(std > 0 && float.IsFinite(std) && float.IsFinite(mean)))
            throw new ArgumentOutOfRangeException(nameof(std),
                $"PixelNormalization needs a finite mean and a positive, finite standard deviation but got mean {mean}, std {std}.");
        Mean = mean;
        Std = std;
    }

    /// <summary>Pixels scaled to [0, 1] and nothing more (mean 0, standard deviation 1).</summary>
    public static PixelNormalization UnitRange { get; } = new(0f, 1f);

    /// <summary>Subtracted from every pixel scaled to [0, 1].</summary>
    public float Mean { get; }

    /// <summary>The scaled, centred pixel is divided by it.</summary>
    public float Std { get; }

    /// <summary>
    /// The mean and (population) standard deviation of every pixel of <paramref name="images"/> scaled to [0, 1], so
    /// that the normalised training pixels have mean 0 and standard deviation 1. Sums run in double.
    /// </summary>
    /// <exception cref="ArgumentException">The images have no pixels, or every pixel has the same value.</exception>
    public static PixelNormalization Fit(LabelledImages images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var pixels = images.Pixels;
        if (pixels.Length == 0)
            throw new ArgumentException("PixelNormalization.Fit needs at least one image.", nameof(images));
        // A histogram of the 256 byte values gives exact sums without a pass per moment.
        Span<long> counts = stackalloc long[256];
        foreach (byte p in pixels) counts[p]++;
        double sum = 0, squares = 0;
        for (int v = 0; v < 256; v++)
        {
            double x = v / 255.0;
            sum += counts[v] * x;
            squares += counts[v] * x * x;
        }
        double mean = sum / pixels.Length;
        double std = Math.Sqrt(Math.Max(squares / pixels.Length - mean * mean, 0));
        if (!(std > 0))
            throw new ArgumentException($"PixelNormalization.Fit: every pixel of the {images.Count} images has the value {pixels[0]}; there is nothing to scale.", nameof(images));
        return new PixelNormalization((float)mean, (float)std);
    }

    /// <summary>Writes the normalised <paramref name="pixels"/> into <paramref name="destination"/> (of the same length).</summary>
    public void Apply(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        if (destination.Length != pixels.Length)
            throw new ArgumentException($"PixelNormalization.Apply: {pixels.Length} pixels need {pixels.Length} destination values but got {destination.Length}.", nameof(destination));
        // The formula's operations one after another (not folded into one multiply-add), each exact in IEEE float, so the
        // vectorised passes give the bits of (byte / 255 − mean) / std and UnitRange gives exactly byte / 255.
        TensorPrimitives.ConvertChecked(pixels, destination);
        TensorPrimitives.Divide(destination, 255f, destination);
        TensorPrimitives.Subtract(destination, Mean, destination);
        TensorPrimitives.Divide(destination, Std, destination);
    }
}
