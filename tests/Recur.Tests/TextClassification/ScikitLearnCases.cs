using Recur.Tasks.TextClassification;

namespace Recur.Tests.TextClassification;

/// <summary>The toy data of tools/reference/text_baselines.py and closeness checks against its values.</summary>
public static class ScikitLearnCases
{
    /// <summary>The 16 two-class training texts (spam 1, ham 0).</summary>
    public static readonly string[] SmallTrain =
    [
        "Free entry! Win a free prize now, call 0800 today",
        "Are we still meeting for lunch today?",
        "WINNER!! You have won a £1000 cash prize. Claim now",
        "I'll call you later, I'm in a meeting",
        "Don't forget to bring the book tomorrow",
        "Urgent: your mobile number has won a free holiday",
        "Can you pick up milk on the way home?",
        "Call now to claim your free ringtone, text STOP to end",
        "The meeting moved to 3pm, see you there",
        "Congratulations, you've been selected for a free cash reward",
        "Thanks for lunch, it was great to see you",
        "Text WIN to 80086 to claim your prize today",
        "I'm running late, save me a seat",
        "Lunch tomorrow? I can call you in the morning",
        "Free free free! Reply now and win",
        "See you at home tonight, don't be late",
    ];

    /// <summary>The six test texts, one of them of unseen words only.</summary>
    public static readonly string[] SmallTest =
    [
        "Win a free trip, call now",
        "Meeting at lunch tomorrow, see you there",
        "Claim your cash prize today",
        "Completely unseen words here",
        "I'll text you when I'm home",
        "Free lunch? Call me",
    ];

    /// <summary>The four texts of the third class (travel) of the multinomial case.</summary>
    public static readonly string[] MultiExtra =
    [
        "The train to Busan leaves at 9, platform 4",
        "Flight delayed two hours, landing at midnight",
        "Booked the hotel near the station for Friday",
        "Taxi is waiting outside the airport",
    ];

    /// <summary>The feature variants the script computes.</summary>
    public static TheoryData<string> Variants => new() { "counts", "binary", "tfidf", "mindf2", "max18" };

    /// <summary>The options of each feature variant the script computes.</summary>
    public static BagOfNGramsOptions Options(string variant) => variant switch
    {
        "counts" => new BagOfNGramsOptions(),
        "binary" => new BagOfNGramsOptions { Binary = true },
        "tfidf" => new BagOfNGramsOptions { TfIdf = true },
        "mindf2" => new BagOfNGramsOptions { MinDocumentFrequency = 2 },
        "max18" => new BagOfNGramsOptions { MaxFeatures = 18 },
        _ => throw new ArgumentException($"unknown variant {variant}"),
    };

    /// <summary>Every item's probabilities, row-major [items, classes].</summary>
    public static double[] Flatten(ClassPredictions predictions)
    {
        var flat = new double[predictions.Count * predictions.Classes];
        for (int i = 0; i < predictions.Count; i++)
            for (int c = 0; c < predictions.Classes; c++) flat[i * predictions.Classes + c] = predictions[i, c];
        return flat;
    }
}
