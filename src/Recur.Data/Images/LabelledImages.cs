namespace Recur.Data.Images;

/// <summary>
/// A labelled image set such as MNIST or Fashion-MNIST: grey images with one class id each, loaded from a pair
/// of IDX files. Pixels are kept as bytes and handed out as floats scaled to [0, 1] (<c>byte / 255</c>, as
/// torchvision's <c>ToTensor</c> does).
/// </summary>
/// <example>
/// The course's "MNIST read row by row" input, batch-first:
/// <code>
/// var test = LabelledImages.LoadSplit("data/mnist", "t10k");
/// Tensor x = test.AsSequences();   // [10000, 28, 28]: 28 steps of 28 pixels
/// Tensor y = test.LabelsTensor();  // [10000] class ids as floats
/// </code>
/// </example>
public sealed class LabelledImages
{
    private readonly byte[] _pixels;
    private readonly int[] _labels;

    /// <summary>
    /// Pairs <paramref name="images"/> with <paramref name="labels"/> (one per image, each below
    /// <paramref name="classCount"/>). The pixel bytes are shared, not copied.
    /// </summary>
    public LabelledImages(IdxImages images, ReadOnlySpan<byte> labels, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        if (labels.Length != images.Count)
            throw new ArgumentException($"{images.Count:N0} images need {images.Count:N0} labels but got {labels.Length:N0}.", nameof(labels));
        int bad = FirstLabelOutside(labels, classCount);
        if (bad >= 0)
            throw new ArgumentException($"label {bad} is {labels[bad]}, outside the {classCount} classes [0, {classCount}).", nameof(labels));
        _pixels = images.Pixels;
        _labels = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++) _labels[i] = labels[i];
        Count = images.Count;
        Rows = images.Rows;
        Columns = images.Columns;
        ClassCount = classCount;
    }

    private LabelledImages(byte[] pixels, int[] labels, int rows, int columns, int classCount)
    {
        _pixels = pixels;
        _labels = labels;
        Count = labels.Length;
        Rows = rows;
        Columns = columns;
        ClassCount = classCount;
    }

    /// <summary>
    /// Loads an images file and its labels file (IDX, raw or gzip), checking that they hold the same number of
    /// items and that every label is below <paramref name="classCount"/>.
    /// </summary>
    /// <param name="imagesPath">The <c>*-images-idx3-ubyte</c> file.</param>
    /// <param name="labelsPath">The <c>*-labels-idx1-ubyte</c> file.</param>
    /// <param name="take">Keep only the first <paramref name="take"/> images (for quick runs); null keeps all.</param>
    /// <param name="classCount">Number of classes; labels must lie in [0, classCount).</param>
    /// <exception cref="DataFormatException">A file is malformed, the counts differ, or a label is out of range.</exception>
    public static LabelledImages Load(string imagesPath, string labelsPath, int? take = null, int classCount = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var images = IdxReader.ReadImages(imagesPath, take, out int imageCount);
        var labels = IdxReader.ReadLabels(labelsPath, take, out int labelCount, out bool compressed);
        if (imageCount != labelCount)
            throw new DataFormatException(labelsPath, null, null,
                $"the file holds {labelCount:N0} labels but its images file {imagesPath} holds {imageCount:N0} images; they must pair one to one.");
        int bad = FirstLabelOutside(labels, classCount);
        if (bad >= 0)
            throw new DataFormatException(labelsPath, null, null,
                $"label {bad:N0} (byte offset {8L + bad:N0}{(compressed ? ", unpacked" : "")}) is {labels[bad]}, outside the {classCount} classes [0, {classCount}).");
        return new LabelledImages(images, labels, classCount);
    }

    /// <summary>
    /// Loads the split <paramref name="split"/> (<c>"train"</c> or <c>"t10k"</c>) from a folder laid out like the
    /// MNIST distribution: <c>{split}-images-idx3-ubyte</c> and <c>{split}-labels-idx1-ubyte</c>, each with or
    /// without <c>.gz</c> (the dotted names <c>{split}-images.idx3-ubyte</c> of some re-packagings work too).
    /// </summary>
    /// <exception cref="FileNotFoundException">Either file is missing; the message lists the names tried.</exception>
    public static LabelledImages LoadSplit(string folder, string split, int? take = null, int classCount = 10)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(split);
        string images = FindSplitFile(folder, split, "images", "idx3");
        string labels = FindSplitFile(folder, split, "labels", "idx1");
        return Load(images, labels, take, classCount);
    }

    /// <summary>
    /// True when <paramref name="folder"/> holds either file of split <paramref name="split"/> under a name
    /// <see cref="LoadSplit"/> looks for (so loading it either works or names the missing partner).
    /// </summary>
    public static bool HasSplit(string folder, string split)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(split);
        return SplitFileNames(split, "images", "idx3").Concat(SplitFileNames(split, "labels", "idx1"))
            .Any(name => File.Exists(Path.Combine(folder, name)));
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Pixel rows per image (28 for MNIST); the time steps when read row by row.</summary>
    public int Rows { get; }

    /// <summary>Pixel columns per image (28 for MNIST); the features per step when read row by row.</summary>
    public int Columns { get; }

    /// <summary>Number of classes; every label is below it.</summary>
    public int ClassCount { get; }

    /// <summary>The class id of each image.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The raw pixels, <c>[Count, Rows, Columns]</c> row-major, 0–255.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels.AsSpan(0, Count * Rows * Columns);

    /// <summary>
    /// The images as sequences of rows, batch-first: <c>[Count, Rows, Columns]</c>, pixels scaled to [0, 1] or as
    /// <paramref name="normalization"/> says. Each image is <see cref="Rows"/> time steps of <see cref="Columns"/>
    /// features — the input of the course's MNIST-by-rows GRU (pass <c>batchFirst: true</c>, or transpose to
    /// <c>[Rows, Count, Columns]</c>).
    /// </summary>
    public Tensor AsSequences(PixelNormalization? normalization = null)
    {
        var tensor = Tensor.Zeros(Count, Rows, Columns);
        (normalization ?? PixelNormalization.UnitRange).Apply(Pixels, tensor.Span);
        return tensor;
    }

    /// <summary>
    /// The images flattened, <c>[Count, Rows · Columns]</c>, pixels scaled to [0, 1] or as <paramref name="normalization"/>
    /// says (for dense networks).
    /// </summary>
    public Tensor AsVectors(PixelNormalization? normalization = null)
    {
        var tensor = Tensor.Zeros(Count, Rows * Columns);
        (normalization ?? PixelNormalization.UnitRange).Apply(Pixels, tensor.Span);
        return tensor;
    }

    /// <summary>The pixels of image <paramref name="index"/>, <c>[Rows · Columns]</c> row-major, 0–255.</summary>
    public ReadOnlySpan<byte> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _pixels.AsSpan(index * Rows * Columns, Rows * Columns);
    }

    /// <summary>The labels as a tensor <c>[Count]</c> of class ids stored as floats, as <c>CrossEntropyLoss</c> takes them.</summary>
    public Tensor LabelsTensor()
    {
        var tensor = Tensor.Zeros(Count);
        var span = tensor.Span;
        for (int i = 0; i < _labels.Length; i++) span[i] = _labels[i];
        return tensor;
    }

    /// <summary>How many images each class has: element <c>c</c> counts label <c>c</c>.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[ClassCount];
        foreach (int label in _labels) counts[label]++;
        return counts;
    }

    /// <summary>The images at <paramref name="indices"/>, in that order, with their labels (pixels copied).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    public LabelledImages Subset(ReadOnlySpan<int> indices)
    {
        int size = Rows * Columns;
        var pixels = new byte[indices.Length * size];
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            int k = indices[i];
            if ((uint)k >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), k, $"LabelledImages.Subset: index {k} at position {i} is outside the {Count} images.");
            _pixels.AsSpan(k * size, size).CopyTo(pixels.AsSpan(i * size, size));
            labels[i] = _labels[k];
        }
        return new LabelledImages(pixels, labels, Rows, Columns, ClassCount);
    }

    /// <summary>
    /// Splits the images into a training and a test part that keep each class's share (scikit-learn's
    /// <c>train_test_split(…, stratify=y)</c>, see <see cref="Text.StratifiedSplit"/>): <c>round(n_c · testFraction)</c> images of
    /// class <c>c</c> go to the test part. Each part is in a random order drawn from <paramref name="generator"/>.
    /// </summary>
    public (LabelledImages Train, LabelledImages Test) StratifiedSplit(double testFraction, Generator generator)
    {
        var (train, test) = Text.StratifiedSplit.Indices(_labels, testFraction, generator);
        return (Subset(train), Subset(test));
    }

    /// <summary>The first <paramref name="count"/> images (all of them if there are fewer); pixels are shared.</summary>
    public LabelledImages Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= Count) return this;
        return new LabelledImages(_pixels, _labels[..count], Rows, Columns, ClassCount);
    }

    private static int FirstLabelOutside(ReadOnlySpan<byte> labels, int classCount)
    {
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= classCount) return i;
        return -1;
    }

    private static string[] SplitFileNames(string split, string what, string idx) =>
    [
        $"{split}-{what}-{idx}-ubyte.gz", $"{split}-{what}-{idx}-ubyte",
        $"{split}-{what}.{idx}-ubyte.gz", $"{split}-{what}.{idx}-ubyte",
    ];

    private static string FindSplitFile(string folder, string split, string what, string idx)
    {
        string[] names = SplitFileNames(split, what, idx);
        foreach (var name in names)
        {
            string path = Path.Combine(folder, name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"{folder}: no {split} {what} file; looked for {string.Join(", ", names)}.",
            Path.Combine(folder, names[0]));
    }
}
