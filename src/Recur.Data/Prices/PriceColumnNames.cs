namespace Recur.Data.Prices;

/// <summary>
/// The canonical column names of a <see cref="PriceSeries"/> and the header spellings that map to them. Headers are
/// matched after trimming, ignoring case and a byte-order mark: English (Yahoo, FinanceDataReader, investing.com's
/// English export) and Korean (KRX, investing.com's Korean export, the course's Samsung file).
/// A header that maps to none of these keeps its own (trimmed) text.
/// </summary>
public static class PriceColumnNames
{
    /// <summary>The trading day: <c>Date</c>, <c>날짜</c>, <c>일자</c>.</summary>
    public const string Date = "Date";

    /// <summary>Opening price: <c>Open</c>, <c>시가</c>, <c>오픈</c>.</summary>
    public const string Open = "Open";

    /// <summary>Highest price: <c>High</c>, <c>고가</c>.</summary>
    public const string High = "High";

    /// <summary>Lowest price: <c>Low</c>, <c>저가</c>.</summary>
    public const string Low = "Low";

    /// <summary>Closing price: <c>Close</c>, <c>Price</c> (investing.com), <c>종가</c>, <c>현재가</c>.</summary>
    public const string Close = "Close";

    /// <summary>Close adjusted for splits and dividends: <c>Adj Close</c>, <c>Adj. Close</c>, <c>AdjClose</c>, <c>수정종가</c>.</summary>
    public const string AdjClose = "Adj Close";

    /// <summary>Traded shares: <c>Volume</c>, <c>Vol.</c> (investing.com), <c>거래량</c>.</summary>
    public const string Volume = "Volume";

    /// <summary>
    /// Change against the previous close as the file writes it: <c>Change</c>, <c>대비</c> (KRX: in won). In
    /// FinanceDataReader's layout <c>Change</c> is a fraction (0.0328 = 3.28 %).
    /// </summary>
    public const string Change = "Change";

    /// <summary>Change in percent: <c>Change %</c>, <c>변동 %</c> (investing.com), <c>등락률</c> (KRX); <c>-1.23%</c> reads as -1.23.</summary>
    public const string ChangePercent = "Change %";

    /// <summary>Traded value (price × volume): <c>거래대금</c>, <c>Value</c>, <c>Amount</c>.</summary>
    public const string TradedValue = "Traded Value";

    /// <summary>Market capitalisation: <c>시가총액</c>, <c>Market Cap</c>.</summary>
    public const string MarketCap = "Market Cap";

    /// <summary>Listed shares: <c>상장주식수</c>, <c>Shares</c>.</summary>
    public const string Shares = "Shares";

    private static readonly Dictionary<string, string> Spellings = BuildSpellings();

    /// <summary>The canonical name for a header cell, or the trimmed header itself when it is not a known spelling.</summary>
    public static string Canonical(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        string trimmed = header.Trim().Trim('\uFEFF').Trim();
        return Spellings.TryGetValue(Key(trimmed), out var canonical) ? canonical : trimmed;
    }

    /// <summary>Columns for a message: "Date (날짜), Close (종가), Volume", the header text in brackets where it differs from the canonical name.</summary>
    internal static string Describe(IReadOnlyList<string> names, IReadOnlyList<string> sourceNames) =>
        string.Join(", ", names.Select((n, i) => string.Equals(n, sourceNames[i], StringComparison.OrdinalIgnoreCase) ? n : $"{n} ({sourceNames[i]})"));

    private static string Key(string header) =>
        string.Concat(header.Where(c => !char.IsWhiteSpace(c) && c != '_')).ToLowerInvariant();

    private static Dictionary<string, string> BuildSpellings()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string canonical, params string[] spellings)
        {
            map[Key(canonical)] = canonical;
            foreach (var s in spellings) map[Key(s)] = canonical;
        }
        Add(Date, "날짜", "일자", "Datetime", "Timestamp");
        Add(Open, "시가", "오픈");
        Add(High, "고가");
        Add(Low, "저가");
        Add(Close, "Price", "종가", "현재가");
        Add(AdjClose, "Adj. Close", "AdjClose", "Adjusted Close", "수정종가");
        Add(Volume, "Vol", "Vol.", "거래량");
        Add(Change, "대비", "전일대비");
        Add(ChangePercent, "Change%", "Change (%)", "Pct Change", "변동 %", "변동%", "등락률", "등락율");
        Add(TradedValue, "거래대금", "Value", "Amount");
        Add(MarketCap, "시가총액", "MarketCap");
        Add(Shares, "상장주식수");
        return map;
    }
}
