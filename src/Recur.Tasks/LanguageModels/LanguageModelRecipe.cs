namespace Recur.Tasks.LanguageModels;

/// <summary>A named set of <see cref="LanguageModelOptions"/> values (<see cref="LanguageModelOptions.For"/>).</summary>
public enum LanguageModelRecipe
{
    /// <summary>
    /// Zaremba, Sutskever and Vinyals (2014), "small": 2 × LSTM(200) on a 200-wide embedding, 20 steps × 20 streams,
    /// SGD at 1 with the loss summed over the steps, halved after every epoch from the fifth, gradients clipped at norm 5,
    /// 13 epochs, no dropout, every weight U(−0.1, 0.1). Test perplexity in the paper: 114.5.
    /// </summary>
    ZarembaSmall,
    /// <summary>
    /// Zaremba et al. "medium": 2 × LSTM(650), 35 steps × 20 streams, dropout 0.5 on every non-recurrent connection, SGD at
    /// 1 divided by 1.2 after every epoch from the seventh, clip 5, 39 epochs, weights U(−0.05, 0.05). Paper: 82.7.
    /// </summary>
    ZarembaMedium,
    /// <summary>
    /// A character model of tiny-shakespeare: 2 × LSTM(128) on a 128-wide embedding, 50 steps × 50 streams, Adam at 2e-3,
    /// clip 5, 10 epochs, the last 10 % of the text for validation.
    /// </summary>
    CharSmall,
}
