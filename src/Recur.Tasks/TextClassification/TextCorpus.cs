namespace Recur.Tasks.TextClassification;

/// <summary>Where a classifier's labelled texts come from: one of the bundled corpora, or a user's CSV/TSV file.</summary>
public enum TextCorpus
{
    /// <summary>The SMS Spam Collection (ham 4,827 / spam 747), the course's spam exercise.</summary>
    SmsSpam,
    /// <summary>Pang and Lee's sentence polarity v1.0 (5,331 positive, 5,331 negative movie-review sentences).</summary>
    RtPolarity,
    /// <summary>The Naver sentiment movie corpus (Korean), its 50,000-review test file.</summary>
    Nsmc,
    /// <summary>The UCI Sentiment Labelled Sentences (IMDB, Amazon and Yelp, 1,000 each).</summary>
    Sentences,
    /// <summary>A delimited file with a text column and a label column.</summary>
    Csv,
}
