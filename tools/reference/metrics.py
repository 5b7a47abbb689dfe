"""Metric fixtures: model outputs, targets, and scikit-learn's figures for them (issue 11).

Names: binary.probabilities [40], binary.logits [40] (log(p / (1 - p)) of the same probabilities), binary.targets,
and binary.<t>.<accuracy|precision|recall|f1> for thresholds t = 0.5 and 0.3 (a prediction is positive when p > t,
Keras' rule); multilabel.probabilities [12, 3], multilabel.targets, multilabel.0.5.accuracy (the fraction of correct
labels); multiclass.scores [30, 4], multiclass.targets [30], multiclass.accuracy, multiclass.<precision|recall|f1>.<c>
for each class c (one class against the rest); sequence.scores [3, 4, 5] ([N, C, T], classes on axis 1),
sequence.targets [3, 5] with -100 at padded steps, sequence.accuracy and sequence.<precision|recall|f1>.1 over the
steps not padded. Figures are scikit-learn's accuracy_score, precision_score, recall_score and f1_score
(zero_division=0), stored as float32.
Run: /usr/bin/python3 tools/reference/metrics.py
"""
import numpy as np
import sklearn
import torch
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score

from fixture_io import Fixture, setup

setup(seed=17)
fx = Fixture("metrics.json", "tools/reference/metrics.py")


def scalar(v):
    return torch.tensor([float(v)])


def binary_figures(prefix, y, predicted):
    fx.add(f"{prefix}.accuracy", scalar(accuracy_score(y, predicted)))
    fx.add(f"{prefix}.precision", scalar(precision_score(y, predicted, zero_division=0)))
    fx.add(f"{prefix}.recall", scalar(recall_score(y, predicted, zero_division=0)))
    fx.add(f"{prefix}.f1", scalar(f1_score(y, predicted, zero_division=0)))


# Binary: probabilities in (0.02, 0.98), some exactly at the thresholds (0.5 and 0.3 are not above themselves).
p = torch.rand(40) * 0.96 + 0.02
p[3], p[11] = 0.5, 0.3
y = (torch.rand(40) < 0.4).float()
fx.add("binary.probabilities", p)
fx.add("binary.logits", torch.log(p / (1 - p)))
fx.add("binary.targets", y)
for t in (0.5, 0.3):
    binary_figures(f"binary.{t}", y.numpy(), (p > t).numpy().astype(int))

# Multi-label: every element is a label; accuracy is the fraction of correct labels (Keras' binary_accuracy).
mp = torch.rand(12, 3)
my = (torch.rand(12, 3) < 0.5).float()
fx.add("multilabel.probabilities", mp)
fx.add("multilabel.targets", my)
fx.add("multilabel.0.5.accuracy", scalar(accuracy_score(my.flatten().numpy(), (mp > 0.5).flatten().numpy().astype(int))))

# Multi-class: argmax of the scores against the class ids.
scores = torch.randn(30, 4)
labels = torch.randint(0, 4, (30,))
fx.add("multiclass.scores", scores)
fx.add("multiclass.targets", labels)
predicted = scores.argmax(1).numpy()
fx.add("multiclass.accuracy", scalar(accuracy_score(labels.numpy(), predicted)))
for c in range(4):
    yc, pc = (labels.numpy() == c).astype(int), (predicted == c).astype(int)
    fx.add(f"multiclass.precision.{c}", scalar(precision_score(yc, pc, zero_division=0)))
    fx.add(f"multiclass.recall.{c}", scalar(recall_score(yc, pc, zero_division=0)))
    fx.add(f"multiclass.f1.{c}", scalar(f1_score(yc, pc, zero_division=0)))

# Sequences [N, C, T] with padded steps marked -100: only the real steps count.
seq_scores = torch.randn(3, 4, 5)
seq_targets = torch.randint(0, 4, (3, 5))
seq_targets[1, 3:] = -100
seq_targets[2, 4:] = -100
fx.add("sequence.scores", seq_scores)
fx.add("sequence.targets", seq_targets)
real = (seq_targets != -100).numpy()
seq_true = seq_targets.numpy()[real]
seq_pred = seq_scores.argmax(1).numpy()[real]
fx.add("sequence.accuracy", scalar(accuracy_score(seq_true, seq_pred)))
y1, p1 = (seq_true == 1).astype(int), (seq_pred == 1).astype(int)
fx.add("sequence.precision.1", scalar(precision_score(y1, p1, zero_division=0)))
fx.add("sequence.recall.1", scalar(recall_score(y1, p1, zero_division=0)))
fx.add("sequence.f1.1", scalar(f1_score(y1, p1, zero_division=0)))

print(f"scikit-learn {sklearn.__version__}")
fx.write()
