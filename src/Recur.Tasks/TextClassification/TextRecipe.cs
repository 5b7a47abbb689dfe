namespace Recur.Tasks.TextClassification;

/// <summary>A named set of settings.</summary>
public enum TextRecipe
{
    /// <summary>Recur's measured defaults (see <see cref="ClassifyOptions"/>).</summary>
    Default,
    /// <summary>
    /// The decks' exact settings: SimpleRNN(32) on a 32-wide embedding, RMSprop, 4 epochs of 64 (the spam slides), or with
    /// the CNN, <c>Dropout(0.2) → Conv1D(32, 5, relu) → GlobalMaxPooling1D → Dense(64, relu) → Dropout(0.2)</c>, Adam,
    /// 10 epochs with early stopping after 3; 20 % stratified test split, the last 20 % of training for validation,
    /// every training word in the vocabulary, pre-padded to the longest training text.
    /// </summary>
    Slides,
    /// <summary>Deck 003's many-to-one toy: the words good, bad, worse, so good as characters → 1, 0, 0, 1.</summary>
    SlidesChars,
}
