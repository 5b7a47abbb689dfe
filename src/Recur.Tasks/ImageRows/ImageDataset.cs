namespace Recur.Tasks.ImageRows;

/// <summary>Which labelled image set a run reads; it names the classes in reports and predictions.</summary>
public enum ImageDataset
{
    /// <summary>Zalando's Fashion-MNIST: ten kinds of clothing, 60,000 training and 10,000 test images.</summary>
    FashionMnist,
    /// <summary>MNIST handwritten digits 0–9.</summary>
    Mnist,
}
