namespace Recur.Tasks.ImageRows;

/// <summary>A named set of <see cref="ImageRowsOptions"/> values (<see cref="ImageRowsOptions.For"/>).</summary>
public enum ImageRowsRecipe
{
    /// <summary>
    /// Recur's recommended recipe: a bidirectional two-layer GRU(128) reading the final states of both directions,
    /// standardised pixels, Adam 0.002 decayed along a cosine over 8 epochs of batch 100 (measured in docs/images.md).
    /// </summary>
    Default,
    /// <summary>
    /// The course slides' recipe: a two-layer GRU(128) reading one 28-pixel row per step, the last step → Linear, pixels
    /// in [0, 1], batch 100, Adam 0.01, 2 epochs.
    /// </summary>
    Slides,
}
