"""Loss fixtures: for each case, input, target, and for each reduction the loss value and d loss / d input.

Names: <case>.input, <case>.target, <case>.<mean|sum>.value (shape []), <case>.<mean|sum>.grad;
reduction 'none': <case>.none.value (the per-element losses), <case>.none.upstream (the gradient handed to backward,
drawn from a generator seeded by the case name so earlier cases keep their values) and <case>.none.grad.
Options, when a case has them: <case>.weight, <case>.pos_weight, <case>.ignore_index and <case>.label_smoothing
(shape [1]). CrossEntropy targets are class ids stored as floats.
Run: /usr/bin/python3 tools/reference/losses.py
"""
import zlib

import torch

from fixture_io import Fixture, setup

setup(seed=11)
fx = Fixture("losses.json", "tools/reference/losses.py")


def case(name, make_loss, x, target, **options):
    fx.add(f"{name}.input", x)
    fx.add(f"{name}.target", target)
    for key, value in options.items():
        fx.add(f"{name}.{key}", value if torch.is_tensor(value) else torch.tensor([float(value)]))
    for reduction in ("mean", "sum", "none"):
        leaf = x.clone().requires_grad_(True)
        value = make_loss(reduction)(leaf, target)
        if reduction == "none":
            upstream_rng = torch.Generator().manual_seed(zlib.crc32(name.encode()))
            upstream = torch.randn(value.shape, generator=upstream_rng)
            value.backward(upstream)
            fx.add(f"{name}.none.upstream", upstream)
        else:
            value.backward()
        fx.add(f"{name}.{reduction}.value", value)
        fx.add(f"{name}.{reduction}.grad", leaf.grad)


mse = lambda r: torch.nn.MSELoss(reduction=r)
ce = lambda r: torch.nn.CrossEntropyLoss(reduction=r)
bce = lambda r: torch.nn.BCELoss(reduction=r)
bce_logits = lambda r: torch.nn.BCEWithLogitsLoss(reduction=r)

case("mse", mse, torch.randn(4, 3), torch.randn(4, 3))
case("mse_1d", mse, torch.randn(6), torch.randn(6))

case("cross_entropy", ce, torch.randn(4, 5) * 2, torch.tensor([0, 4, 2, 2]))
# Large logits: a naive exp overflows float32 (exp(100) = inf); PyTorch's log-sum-exp does not.
large = torch.randn(3, 4)
large[0] = torch.tensor([50.0, -50.0, 0.0, 10.0])
large[1] = torch.tensor([-50.0, 50.0, 49.0, -50.0])
large[2] = torch.tensor([100.0, 100.0, -100.0, 0.0])
case("cross_entropy_large", ce, large, torch.tensor([1, 1, 0]))

case("bce", bce, torch.rand(3, 4) * 0.9 + 0.05, torch.rand(3, 4))
# Probabilities at exactly 0 and 1: PyTorch clamps each log at -100, so a confidently wrong
# prediction costs 100 rather than inf. The gradient there is (p - t) / max(p (1 - p), 1e-12).
edges_p = torch.tensor([[0.0, 1.0, 0.0, 1.0], [0.0, 1.0, 0.3, 0.9]])
edges_t = torch.tensor([[0.0, 1.0, 1.0, 0.0], [0.5, 0.25, 1.0, 0.0]])
case("bce_edges", bce, edges_p, edges_t)

case("bce_logits", bce_logits, torch.randn(3, 4) * 2, torch.rand(3, 4))
# Logits of +-40: sigmoid rounds to exactly 0 or 1 in float32, the stable formula does not care.
logits = torch.tensor([[40.0, -40.0, 40.0, -40.0], [0.5, -1.5, 3.0, -0.25]])
logit_targets = torch.tensor([[1.0, 0.0, 0.0, 1.0], [1.0, 0.0, 0.5, 0.25]])
case("bce_logits_large", bce_logits, logits, logit_targets)

# Class weights, ignore_index, [N, C, d1, ...] logits and label smoothing (issue 11). Mean is PyTorch's weighted mean:
# the sum over the positions not ignored divided by the sum of their targets' class weights.
class_weight = torch.tensor([0.5, 2.0, 1.0, 3.0, 0.25])
ce_weighted = lambda r: torch.nn.CrossEntropyLoss(weight=class_weight, reduction=r)
case("cross_entropy_weighted", ce_weighted, torch.randn(6, 5) * 2, torch.tensor([0, 4, 2, 2, 1, 3]), weight=class_weight)

ce_ignore = lambda r: torch.nn.CrossEntropyLoss(weight=class_weight, reduction=r)
case("cross_entropy_weighted_ignore", ce_ignore, torch.randn(6, 5) * 2, torch.tensor([3, -100, 1, -100, 0, 3]),
     weight=class_weight, ignore_index=-100)

# Padding id 0 as the ignored class, no weights: the mean is over the 4 positions that count.
ce_ignore_zero = lambda r: torch.nn.CrossEntropyLoss(ignore_index=0, reduction=r)
case("cross_entropy_ignore_zero", ce_ignore_zero, torch.randn(6, 4), torch.tensor([2, 0, 1, 3, 0, 3]), ignore_index=0)

# Sequence logits [N, C, T] with targets [N, T], padding at the end of two sequences; one sample with large logits.
seq_logits = torch.randn(3, 5, 4) * 2
seq_logits[2, :, 1] = torch.tensor([90.0, -40.0, 100.0, 99.0, 0.0])
seq_targets = torch.tensor([[1, 4, 0, 2], [3, 3, -100, -100], [2, 3, 4, -100]])
ce_seq = lambda r: torch.nn.CrossEntropyLoss(weight=class_weight, reduction=r)
case("cross_entropy_seq_weighted_ignore", ce_seq, seq_logits, seq_targets, weight=class_weight, ignore_index=-100)
case("cross_entropy_seq", ce, torch.randn(2, 3, 6), torch.tensor([[0, 1, 2, 2, 1, 0], [2, 2, 0, 1, 1, 1]]))

# Two extra dimensions, [N, C, d1, d2]: PyTorch's K-dimensional case.
case("cross_entropy_2d", ce, torch.randn(2, 4, 3, 2), torch.tensor([[[0, 3], [1, 1], [2, 0]], [[3, 3], [0, 2], [1, 0]]]))

# Label smoothing, alone and with class weights and ignored positions, on rows and on sequences.
ce_smooth = lambda r: torch.nn.CrossEntropyLoss(label_smoothing=0.1, reduction=r)
case("cross_entropy_smooth", ce_smooth, torch.randn(4, 5) * 2, torch.tensor([0, 4, 2, 2]), label_smoothing=0.1)
ce_smooth_all = lambda r: torch.nn.CrossEntropyLoss(weight=class_weight, label_smoothing=0.25, reduction=r)
case("cross_entropy_smooth_weighted_ignore", ce_smooth_all, torch.randn(6, 5) * 2, torch.tensor([3, -100, 1, 4, 0, -100]),
     weight=class_weight, ignore_index=-100, label_smoothing=0.25)
case("cross_entropy_seq_smooth_weighted_ignore", ce_smooth_all, seq_logits.clone(), seq_targets,
     weight=class_weight, ignore_index=-100, label_smoothing=0.25)

# BCE with a per-element weight: [C] broadcast over the rows, [N, 1] one per sample.
bce_input = torch.rand(3, 4) * 0.9 + 0.05
bce_target = torch.rand(3, 4)
column_weight = torch.tensor([0.5, 2.0, 1.0, 4.0])
case("bce_weight_columns", lambda r: torch.nn.BCELoss(weight=column_weight, reduction=r), bce_input, bce_target,
     weight=column_weight)
row_weight = torch.tensor([[2.0], [0.5], [1.5]])
case("bce_weight_rows", lambda r: torch.nn.BCELoss(weight=row_weight, reduction=r), bce_input, bce_target, weight=row_weight)

# BCEWithLogits with pos_weight: per class [C] against [N, C], a single value [1], with a weight as well, on logits of
# +-40, and [1] against one-dimensional logits [N].
pos_weight = torch.tensor([3.0, 0.5, 1.0, 10.0])
bce_logits_pw = lambda w, pw: (lambda r: torch.nn.BCEWithLogitsLoss(weight=w, pos_weight=pw, reduction=r))
binary = (torch.rand(3, 4) > 0.5).float()
case("bce_logits_pos_weight", bce_logits_pw(None, pos_weight), torch.randn(3, 4) * 2, binary, pos_weight=pos_weight)
case("bce_logits_pos_weight_soft", bce_logits_pw(None, pos_weight), torch.randn(3, 4) * 2, torch.rand(3, 4),
     pos_weight=pos_weight)
single = torch.tensor([2.5])
case("bce_logits_pos_weight_single", bce_logits_pw(None, single), torch.randn(3, 4) * 2, binary, pos_weight=single)
case("bce_logits_pos_weight_and_weight", bce_logits_pw(row_weight, pos_weight), torch.cat([logits, torch.randn(1, 4) * 2]),
     torch.cat([logit_targets, binary[:1]]), weight=row_weight, pos_weight=pos_weight)
case("bce_logits_pos_weight_1d", bce_logits_pw(None, single), torch.randn(7) * 3, (torch.rand(7) > 0.4).float(),
     pos_weight=single)

fx.write()
