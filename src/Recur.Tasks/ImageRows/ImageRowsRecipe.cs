namespace Recur.Tasks.ImageRows;

/// <summary>A named set of <see cref="ImageRowsOptions"/> values (<see cref="ImageRowsOptions.For"/>).</summary>
public enum ImageRowsRecipe
{
    /// <summary>
    /// Recur's recommended recipe: the slides' network (two GRU(128) layers, the last step → Linear) trained longer and
    /// more gently — pixels standardised with the training images' mean and deviation, Adam 0.005 decayed along a cosine
    /// over 10 epochs of batch 100. It was chosen by measurement (docs/images.md): above 91 % on Fashion-MNIST in about
    /// three minutes on two shared cores, where a bidirectional network gained 0.3 points for twice the time.
    /// </summary>
    Default,
    /// <summary>
    /// The course slides' recipe: a two-layer GRU(128) reading one 28-pixel row per step, the last step → Linear, pixels
    /// in [0, 1], batch 100, Adam 0.01, 2 epochs.
    /// </summary>
    Slides,
}
