using Recur.Tasks.Recipes;
using Recur.Data;
using Recur.Data.Images;
using Recur.Nn;
using Recur.Serialization;

namespace Recur.Tasks.ImageRows;

/// <summary>A trained image classifier loaded from a checkpoint, classifying without its training data.</summary>
public sealed class ImagePredictor
{
    private readonly Sequential _network;

    private ImagePredictor(ImageRowsConfig config, Sequential network, int epoch)
    {
        Config = config;
        _network = network;
        Epoch = epoch;
    }

    /// <summary>The image size, class names, normalisation and architecture the model was trained with.</summary>
    public ImageRowsConfig Config { get; }

    /// <summary>Epochs the model was trained for.</summary>
    public int Epoch { get; }

    /// <summary>Loads a model from <paramref name="directory"/>: a <c>recur images</c> output directory or its checkpoint folder.</summary>
    /// <exception cref="InvalidDataException">The directory holds no image checkpoint, or a corrupt or incompatible one.</exception>
    public static ImagePredictor Load(string directory)
    {
        var (config, network, epoch) = RecipeCheckpoint.LoadModel(directory, ImageRowsConfig.RecipeName, "an image model", ImageRowsConfig.FromJson,
            c => c.CreateNetwork(new Generator(0)), c => c.ParameterCount());
        return new ImagePredictor(config, network, epoch);
    }

    /// <summary>
    /// Classifies grey pixels as the datasets store them (<c>[rows · columns]</c>, 0 = background, 255 = full ink),
    /// normalised as the training images were.
    /// </summary>
    /// <exception cref="ArgumentException">The pixel count is not the model's rows × columns.</exception>
    public ImagePrediction Predict(ReadOnlySpan<byte> pixels)
    {
        int size = Config.Rows * Config.Columns;
        if (pixels.Length != size)
            throw new ArgumentException($"the model reads {Config.Columns}×{Config.Rows} images ({size} pixels) but got {pixels.Length} pixels.", nameof(pixels));
        var input = Tensor.Zeros(1, Config.Rows, Config.Columns);
        Config.Normalization.Apply(pixels, input.Span);
        float[] probabilities;
        using (new NoGradScope())
            probabilities = _network.Forward(input).Softmax(-1).ToArray();
        var ranked = probabilities.Select((p, c) => new ClassProbability(c, Config.ClassNames[c], p))
            .OrderByDescending(p => p.Probability).ThenBy(p => p.Class).ToArray();
        return new ImagePrediction(ranked);
    }

    /// <summary>Reads a picture file (PNG, JPEG, …) as <see cref="GreyImageReader"/> does at the model's size and classifies it.</summary>
    /// <exception cref="DataFormatException">The file is not a picture, or is truncated.</exception>
    /// <exception cref="ImageSizeException">The picture is not of the model's size and <paramref name="resize"/> is off.</exception>
    public (GreyImage Image, ImagePrediction Prediction) PredictPicture(string path, bool resize = false, InkInversion invert = InkInversion.Auto)
    {
        var image = GreyImageReader.Read(path, new GreyImageOptions { Rows = Config.Rows, Columns = Config.Columns, Resize = resize, Invert = invert });
        return (image, Predict(image.Pixels));
    }

    /// <summary>Classifies image <paramref name="index"/> (0-based) of an IDX images file (raw or gzip).</summary>
    /// <exception cref="DataFormatException">The file is not an IDX images file, or is truncated.</exception>
    /// <exception cref="ImageSizeException">The file's images are not of the model's size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The file has no image <paramref name="index"/>.</exception>
    public ImagePrediction PredictIdx(string path, int index)
    {
        if (index < 0)
            throw new ArgumentOutOfRangeException(nameof(index), $"the image index must not be negative, got {index}.");
        // Only the images up to the one asked for are read.
        var images = IdxReader.ReadImages(path, limit: index + 1);
        if (images.Rows != Config.Rows || images.Columns != Config.Columns)
            throw new ImageSizeException(path, images.Columns, images.Rows, Config.Rows, Config.Columns, canResize: false);
        if (index >= images.Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"{path} holds {images.Count:N0} images, so the index must be below {images.Count:N0}; got {index}.");
        int size = images.Rows * images.Columns;
        return Predict(images.Pixels.AsSpan(index * size, size));
    }
}
