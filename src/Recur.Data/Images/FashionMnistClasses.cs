namespace Recur.Data.Images;

/// <summary>The ten Fashion-MNIST classes, by label id (zalandoresearch/fashion-mnist's README).</summary>
public static class FashionMnistClasses
{
    /// <summary>Class names indexed by label: 0 T-shirt/top … 9 Ankle boot.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
}
