"""scikit-learn (and statsmodels) reference figures for the text-classification baselines and metrics.

Writes tests/Recur.Tests/fixtures/text_baselines.json, read by tests/Recur.Tests/TextClassification/. Unlike the
PyTorch fixtures this one holds double-precision values, integers and strings:
{"generator": ..., "sklearn": ..., "statsmodels": ..., "values": {"name": number | [numbers] | [strings]}}.

The features are scikit-learn's own CountVectorizer / TfidfVectorizer with `analyzer=` a port of Recur's
WordTokenizer (src/Recur.Data/Text/WordTokenizer.cs) followed by word n-grams, so the columns and counts are
scikit-learn's; the C# side builds its own and must agree. The SMS spam split is a port of Recur's Generator
(xoshiro256** seeded by SplitMix64) and StratifiedSplit, so both sides use the same messages.

Keys (prefix.name):
  small.*           a 16-text, two-class toy set with a 6-text test set (ties in the max_features cut are avoided)
    <variant>.features             feature names in column order, for variants counts, binary, tfidf, mindf2, max18
    <variant>.train.dense / test.dense   the feature matrices, row-major
    <variant>.nb.class_log_prior / feature_log_prob / test.proba   MultinomialNB(alpha=1)
    counts.nb_alpha_0_5.test.proba       MultinomialNB(alpha=0.5)
    <variant>.lr_c<C>.coef / intercept / test.proba                LogisticRegression(C, lbfgs), tightly converged
  multi.*           the same texts with three classes: multinomial LogisticRegression and MultinomialNB
  metrics.<case>.*  y_true, y_pred, score; accuracy, precision/recall/f1 per class, macro_f1, confusion (row-major),
                    roc_auc and average_precision where defined (binary cases)
  mcnemar.<case>.*  table [both, only_first, only_second, neither]; exact.statistic / exact.pvalue,
                    chi2.statistic / chi2.pvalue (statsmodels.stats.contingency_tables.mcnemar, correction=True)
  sms.*             bundled SMS spam, StratifiedSplit seed 42: test 10 %, then validation 1/9 of the rest (80/10/10);
                    counts uni+bigrams on the 80 % training part: feature_count, test.labels, nb.test.proba1,
                    lr.test.proba1 (C=1), and the metrics of both on the test part
"""
import json
import math
import sys
import warnings
import unicodedata

import numpy as np
import sklearn
import statsmodels
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, average_precision_score, confusion_matrix, f1_score,
                             precision_recall_fscore_support, roc_auc_score)
from sklearn.naive_bayes import MultinomialNB
from statsmodels.stats.contingency_tables import mcnemar

from fixture_io import REPO, write_fixture

MASK = (1 << 64) - 1

# ---------------------------------------------------------------------------------------------------------------
# Ports of Recur's WordTokenizer, Generator and StratifiedSplit.

WORD = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No"}
PUNCTUATION = {"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"}


def kind(ch):
    if ch in ("'", "\u2019"):
        return "apostrophe"
    category = unicodedata.category(ch)
    if category in WORD:
        return "word"
    if category in PUNCTUATION:
        return "punctuation"
    return "separator"


def word_tokenize(text):
    """WordTokenizer(lowercase=True, keepPunctuation=False)."""
    tokens, word = [], []
    for i, ch in enumerate(text):
        k = kind(ch)
        if k == "word":
            word.append(ch)
        elif k == "apostrophe" and word and i + 1 < len(text) and kind(text[i + 1]) == "word":
            word.append("'")
        else:
            if word:
                tokens.append("".join(word).lower())
                word = []
    if word:
        tokens.append("".join(word).lower())
    return tokens


def ngrams(tokens, low=1, high=2):
    out = []
    for n in range(low, high + 1):
        out.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return out


def analyzer(text):
    return ngrams(word_tokenize(text))


class Generator:
    """Recur.Generator: xoshiro256** seeded through SplitMix64."""

    def __init__(self, seed):
        x = seed
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def rotl(v, k):
        return ((v << k) | (v >> (64 - k))) & MASK

    def next_u64(self):
        s0, s1, s2, s3 = self.s
        result = (self.rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = self.rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next_int(self, bound):
        threshold = ((1 << 64) - bound) % bound
        while True:
            r = self.next_u64()
            if r >= threshold:
                return r % bound

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next_int(i + 1)
            items[i], items[j] = items[j], items[i]


def round_half_away(x):
    f = math.floor(x)
    return int(f + 1 if x - f >= 0.5 else f)


def stratified_split(labels, test_fraction, generator):
    """Recur.Data.Text.StratifiedSplit.Indices."""
    by_class = {}
    for i, label in enumerate(labels):
        by_class.setdefault(label, []).append(i)
    train, test = [], []
    for label in sorted(by_class):
        members = list(by_class[label])
        generator.shuffle(members)
        count = round_half_away(len(members) * test_fraction)
        test.extend(members[:count])
        train.extend(members[count:])
    generator.shuffle(train)
    generator.shuffle(test)
    return train, test


# ---------------------------------------------------------------------------------------------------------------

values = {}


def put(name, value):
    if name in values:
        raise KeyError(f"duplicate key {name}")
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        value = [v if isinstance(v, str) else float(v) for v in np.ravel(np.array(value, dtype=object))]
        for v in value:
            if isinstance(v, float) and not math.isfinite(v):
                raise ValueError(f"{name}: non-finite value")
    elif not isinstance(value, str):
        value = float(value)
    values[name] = value


def fit_tight_lr(X, y, C, multi_class="auto"):
    """LogisticRegression(C, solver="lbfgs") driven to the optimum: far past the default tol=1e-4 and max_iter=100,
    and refitted from its own solution (warm_start) while scipy's relative-decrease test (ftol) or line search stops it
    early, until the objective's gradient is below 1e-7 or stops shrinking (rounding in the loss sums, ~1e-6 on SMS
    spam); it must end below 1e-5."""
    model = LogisticRegression(C=C, solver="lbfgs", tol=1e-12, max_iter=100000, multi_class=multi_class,
                               warm_start=True)
    best, stalled = math.inf, 0
    for _ in range(400):
        model.fit(X, y)
        gradient = gradient_max(model, X, y, C)
        if gradient < 1e-7:
            break
        stalled = stalled + 1 if gradient >= best else 0
        if stalled == 10:
            break
        best = min(best, gradient)
    gradient = gradient_max(model, X, y, C)
    print(f"  LogisticRegression(C={C:g}) on {X.shape[0]}x{X.shape[1]}: gradient {gradient:.3g}")
    if gradient > 1e-5:
        sys.exit("logistic regression did not converge")
    return model


def gradient_max(model, X, y, C):
    """The largest component of the gradient of scikit-learn's objective Σ log-loss + ‖W‖²/(2C) at the model."""
    W = model.coef_
    b = model.intercept_
    Z = X @ W.T + b
    if W.shape[0] == 1:
        p = 1 / (1 + np.exp(-Z[:, 0]))
        r = p - y
        g = np.concatenate([X.T @ r + W[0] / C, [r.sum()]])
    else:
        Z = Z - Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        R = P - np.eye(W.shape[0])[y]
        g = np.concatenate([(X.T @ R).T.ravel() + (W / C).ravel(), R.sum(axis=0)])
    return float(np.abs(g).max())


SMALL_TRAIN = [
    ("Free entry! Win a free prize now, call 0800 today", 1),
    ("Are we still meeting for lunch today?", 0),
    ("WINNER!! You have won a £1000 cash prize. Claim now", 1),
    ("I'll call you later, I'm in a meeting", 0),
    ("Don't forget to bring the book tomorrow", 0),
    ("Urgent: your mobile number has won a free holiday", 1),
    ("Can you pick up milk on the way home?", 0),
    ("Call now to claim your free ringtone, text STOP to end", 1),
    ("The meeting moved to 3pm, see you there", 0),
    ("Congratulations, you've been selected for a free cash reward", 1),
    ("Thanks for lunch, it was great to see you", 0),
    ("Text WIN to 80086 to claim your prize today", 1),
    ("I'm running late, save me a seat", 0),
    ("Lunch tomorrow? I can call you in the morning", 0),
    ("Free free free! Reply now and win", 1),
    ("See you at home tonight, don't be late", 0),
]
SMALL_TEST = [
    "Win a free trip, call now",
    "Meeting at lunch tomorrow, see you there",
    "Claim your cash prize today",
    "Completely unseen words here",
    "I'll text you when I'm home",
    "Free lunch? Call me",
]
# A third class for the multinomial models: messages about travel.
MULTI_EXTRA = [
    ("The train to Busan leaves at 9, platform 4", 2),
    ("Flight delayed two hours, landing at midnight", 2),
    ("Booked the hotel near the station for Friday", 2),
    ("Taxi is waiting outside the airport", 2),
]

VARIANTS = {
    "counts": dict(),
    "binary": dict(binary=True),
    "tfidf": dict(tfidf=True),
    "mindf2": dict(min_df=2),
    "max18": dict(max_features=18),
}


def vectorizer(options):
    kwargs = dict(analyzer=analyzer, min_df=options.get("min_df", 1), max_features=options.get("max_features"),
                  binary=options.get("binary", False))
    return TfidfVectorizer(**kwargs) if options.get("tfidf") else CountVectorizer(**kwargs)


def max_features_has_no_tie(texts, limit):
    counts = CountVectorizer(analyzer=analyzer).fit_transform(texts)
    totals = np.sort(np.asarray(counts.sum(axis=0)).ravel())[::-1]
    return totals[limit - 1] != totals[limit]


def small_cases():
    texts = [t for t, _ in SMALL_TRAIN]
    y = np.array([label for _, label in SMALL_TRAIN])
    if not max_features_has_no_tie(texts, VARIANTS["max18"]["max_features"]):
        sys.exit("max_features=18 cuts through a tie; choose another limit")
    for name, options in VARIANTS.items():
        prefix = f"small.{name}"
        vec = vectorizer(options)
        X = vec.fit_transform(texts)
        T = vec.transform(SMALL_TEST)
        put(f"{prefix}.features", list(vec.get_feature_names_out()))
        put(f"{prefix}.train.dense", X.toarray())
        put(f"{prefix}.test.dense", T.toarray())
        nb = MultinomialNB(alpha=1.0).fit(X, y)
        put(f"{prefix}.nb.class_log_prior", nb.class_log_prior_)
        put(f"{prefix}.nb.feature_log_prob", nb.feature_log_prob_)
        put(f"{prefix}.nb.test.proba", nb.predict_proba(T))
        for C in (1.0, 10.0):
            lr = fit_tight_lr(X, y, C)
            tag = f"{prefix}.lr_c{int(C)}"
            put(f"{tag}.coef", lr.coef_)
            put(f"{tag}.intercept", lr.intercept_)
            put(f"{tag}.test.proba", lr.predict_proba(T))
        if name == "counts":
            put(f"{prefix}.nb_alpha_0_5.test.proba", MultinomialNB(alpha=0.5).fit(X, y).predict_proba(T))
    put("small.train.labels", y)

    multi = SMALL_TRAIN + MULTI_EXTRA
    texts = [t for t, _ in multi]
    y = np.array([label for _, label in multi])
    vec = CountVectorizer(analyzer=analyzer)
    X = vec.fit_transform(texts)
    T = vec.transform(SMALL_TEST + ["Your flight and hotel are booked"])
    put("multi.train.labels", y)
    put("multi.features", list(vec.get_feature_names_out()))
    lr = fit_tight_lr(X, y, 1.0, multi_class="multinomial")
    put("multi.lr_c1.coef", lr.coef_)
    put("multi.lr_c1.intercept", lr.intercept_)
    put("multi.lr_c1.test.proba", lr.predict_proba(T))
    put("multi.nb.test.proba", MultinomialNB(alpha=1.0).fit(X, y).predict_proba(T))


def metric_case(name, y_true, y_pred, score=None, labels=None):
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    labels = labels if labels is not None else sorted(set(y_true) | set(y_pred))
    prefix = f"metrics.{name}"
    put(f"{prefix}.y_true", y_true)
    put(f"{prefix}.y_pred", y_pred)
    put(f"{prefix}.classes", len(labels))
    put(f"{prefix}.accuracy", accuracy_score(y_true, y_pred))
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    put(f"{prefix}.precision", p)
    put(f"{prefix}.recall", r)
    put(f"{prefix}.f1", f)
    put(f"{prefix}.macro_f1", f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0))
    put(f"{prefix}.confusion", confusion_matrix(y_true, y_pred, labels=labels))
    if score is not None:
        put(f"{prefix}.score", score)
        put(f"{prefix}.roc_auc", roc_auc_score(y_true, score))
        put(f"{prefix}.average_precision", average_precision_score(y_true, score))


def metric_cases():
    rng = np.random.default_rng(7)
    # Scores rounded to one decimal: many ties, within and across classes.
    y = rng.integers(0, 2, 40)
    score = np.round(np.clip(0.35 * y + rng.random(40) * 0.65, 0, 1), 1)
    metric_case("binary_ties", y, (score >= 0.5).astype(int), score)
    # Continuous scores, imbalanced (spam-like: 1 in 8 positive).
    y = (rng.random(200) < 0.125).astype(int)
    score = 1 / (1 + np.exp(-(2.2 * y + rng.normal(0, 1.2, 200) - 1.5)))
    metric_case("binary_imbalanced", y, (score >= 0.5).astype(int), score)
    # All scores equal: ROC-AUC 0.5, AP = the positive share.
    y = np.array([0, 1, 0, 0, 1, 0, 1, 0])
    metric_case("binary_constant", y, np.zeros(8, dtype=int), np.full(8, 0.3))
    # A perfect ranking and a reversed one.
    y = np.array([0, 0, 1, 1, 0, 1])
    metric_case("binary_perfect", y, y, np.array([0.1, 0.2, 0.8, 0.9, 0.3, 0.7]))
    metric_case("binary_reversed", y, 1 - y, np.array([0.9, 0.8, 0.2, 0.1, 0.7, 0.3]))
    # Three classes, one class never predicted (zero_division=0).
    y_true = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2]
    y_pred = [0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1]
    metric_case("three_classes", y_true, y_pred, labels=[0, 1, 2])


def mcnemar_cases():
    tables = {
        "small": (50, 3, 9, 4),
        "balanced_small": (40, 5, 5, 2),
        "none_discordant": (30, 0, 0, 5),
        "one_sided": (20, 0, 7, 1),
        "large": (480, 31, 14, 33),
        "large_even": (400, 60, 61, 20),
        "very_large": (38000, 1900, 1500, 600),
    }
    for name, (both, only_first, only_second, neither) in tables.items():
        prefix = f"mcnemar.{name}"
        table = np.array([[both, only_first], [only_second, neither]])
        put(f"{prefix}.table", [both, only_first, only_second, neither])
        exact = mcnemar(table, exact=True)
        put(f"{prefix}.exact.statistic", exact.statistic)
        put(f"{prefix}.exact.pvalue", exact.pvalue)
        if only_first + only_second > 0:
            chi2 = mcnemar(table, exact=False, correction=True)
            put(f"{prefix}.chi2.statistic", chi2.statistic)
            put(f"{prefix}.chi2.pvalue", chi2.pvalue)


def read_sms():
    texts, labels = [], []
    raw = (REPO / "data" / "text" / "sms-spam" / "SMSSpamCollection").read_bytes().decode("utf-8")
    for line in raw.split("\n"):
        line = line[:-1] if line.endswith("\r") else line
        if not line.strip():
            continue
        label, text = line.split("\t", 1)
        texts.append(text.strip())
        labels.append({"ham": 0, "spam": 1}[label.strip().lower()])
    return texts, labels


def sms_case():
    texts, labels = read_sms()
    generator = Generator(42)
    rest, test = stratified_split(labels, 0.1, generator)
    rest_labels = [labels[i] for i in rest]
    train_in_rest, validation_in_rest = stratified_split(rest_labels, 1 / 9, generator)
    train = [rest[i] for i in train_in_rest]
    validation = [rest[i] for i in validation_in_rest]
    put("sms.split.sizes", [len(train), len(validation), len(test)])
    put("sms.split.test.first", test[:10])
    put("sms.split.train.first", train[:10])

    vec = CountVectorizer(analyzer=analyzer)
    X = vec.fit_transform([texts[i] for i in train])
    T = vec.transform([texts[i] for i in test])
    y = np.array([labels[i] for i in train])
    y_test = np.array([labels[i] for i in test])
    put("sms.feature_count", X.shape[1])
    put("sms.features.first", list(vec.get_feature_names_out()[:20]))
    put("sms.features.last", list(vec.get_feature_names_out()[-20:]))
    put("sms.train.nonzeros", X.nnz)
    put("sms.test.labels", y_test)

    nb = MultinomialNB(alpha=1.0).fit(X, y)
    nb_proba = nb.predict_proba(T)[:, 1]
    put("sms.nb.test.proba1", nb_proba)
    lr = fit_tight_lr(X, y, 1.0)
    lr_proba = lr.predict_proba(T)[:, 1]
    put("sms.lr.test.proba1", lr_proba)
    for name, proba, predicted in (("nb", nb_proba, nb.predict(T)), ("lr", lr_proba, lr.predict(T))):
        put(f"sms.{name}.accuracy", accuracy_score(y_test, predicted))
        put(f"sms.{name}.f1", f1_score(y_test, predicted, average=None))
        put(f"sms.{name}.macro_f1", f1_score(y_test, predicted, average="macro"))
        put(f"sms.{name}.roc_auc", roc_auc_score(y_test, proba))
        put(f"sms.{name}.average_precision", average_precision_score(y_test, proba))
    table = confusion_matrix(y_test == nb.predict(T), y_test == lr.predict(T), labels=[True, False])
    put("sms.mcnemar_nb_lr.table", [table[0, 0], table[0, 1], table[1, 0], table[1, 1]])
    put("sms.mcnemar_nb_lr.pvalue", mcnemar(table, exact=(table[0, 1] + table[1, 0]) < 25, correction=True).pvalue)


def main():
    # Each warm-started refit past the first ends in scipy's line-search or ftol stop; the gradient test above is
    # what decides convergence.
    warnings.filterwarnings("ignore", message="lbfgs failed to converge")
    small_cases()
    metric_cases()
    mcnemar_cases()
    sms_case()
    header = {"generator": "tools/reference/text_baselines.py", "sklearn": sklearn.__version__, "statsmodels": statsmodels.__version__}
    write_fixture("text_baselines.json", [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in header.items()],
                  "values", [f"{json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}" for name, value in values.items()], "values")


if __name__ == "__main__":
    main()
