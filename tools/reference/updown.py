"""Up/down reference figures (issue 14): scikit-learn's ranking scores and logistic regression.

Names:
  ranking.scores, ranking.labels           60 scores rounded to one decimal (so many tie) and their 0/1 labels
  ranking.weights                          integer sample weights (a bootstrap's multiplicities, zeros included)
  ranking.average_precision, .roc_auc      sklearn.metrics average_precision_score / roc_auc_score
  ranking.weighted_average_precision, .weighted_roc_auc      the same with sample_weight=weights
  logistic.x [200 x 4], logistic.y         rare positives (about 15 %) that depend on the features
  logistic.<case>.coef, .intercept         LogisticRegression(solver="newton-cg", tol=1e-8) for the cases
                                           c1 (C = 1), balanced (C = 1, class_weight='balanced'), c01 (C = 0.1, balanced)
Run: /usr/bin/python3 tools/reference/updown.py
"""
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score

from double_fixture import DoubleFixture

fx = DoubleFixture("updown.json", "tools/reference/updown.py", {"sklearn": sklearn.__version__, "numpy": np.__version__})
rng = np.random.default_rng(5)

labels = (rng.random(60) < 0.25).astype(int)
scores = np.round(np.clip(0.35 * labels + rng.random(60) * 0.7, 0, 1), 1)
weights = rng.integers(0, 4, 60).astype(float)
fx.add("ranking.scores", scores)
fx.add("ranking.labels", labels)
fx.add("ranking.weights", weights)
fx.add("ranking.average_precision", average_precision_score(labels, scores))
fx.add("ranking.roc_auc", roc_auc_score(labels, scores))
fx.add("ranking.weighted_average_precision", average_precision_score(labels, scores, sample_weight=weights))
fx.add("ranking.weighted_roc_auc", roc_auc_score(labels, scores, sample_weight=weights))

x = rng.standard_normal((200, 4))
z = -2.2 + 1.1 * x[:, 0] - 0.7 * x[:, 2] + 0.3 * x[:, 3]
y = (rng.random(200) < 1 / (1 + np.exp(-z))).astype(int)
fx.add("logistic.x", x)
fx.add("logistic.y", y)
for name, kwargs in [("c1", {"C": 1.0}), ("balanced", {"C": 1.0, "class_weight": "balanced"}), ("c01", {"C": 0.1, "class_weight": "balanced"})]:
    model = LogisticRegression(solver="newton-cg", tol=1e-8, max_iter=10000, **kwargs).fit(x, y)
    fx.add(f"logistic.{name}.coef", model.coef_[0])
    fx.add(f"logistic.{name}.intercept", model.intercept_[0])

fx.write()
