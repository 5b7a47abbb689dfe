"""Loss fixtures: for each case, input, target, and for reduction mean and sum the loss value and d loss / d input.

Names: <case>.input, <case>.target, <case>.<mean|sum>.value (shape []), <case>.<mean|sum>.grad.
CrossEntropy targets are class ids stored as floats.
Run: /usr/bin/python3 tools/reference/losses.py
"""
import torch

from fixture_io import Fixture, setup

setup(seed=11)
fx = Fixture("losses.json", "tools/reference/losses.py")


def case(name, make_loss, x, target):
    fx.add(f"{name}.input", x)
    fx.add(f"{name}.target", target)
    for reduction in ("mean", "sum"):
        leaf = x.clone().requires_grad_(True)
        value = make_loss(reduction)(leaf, target)
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

fx.write()
