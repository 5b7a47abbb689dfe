"""Optimizer fixtures, independent of autograd: fixed start parameters, a fixed random gradient per step,
and the parameters after each of 5 steps.

Names per optimizer case c: c.p0.start, c.p1.start, c.step{k}.grad.p{i}, c.step{k}.p{i} (k = 1..5; after step k).
The start parameters and gradients are the same for every case (p0 [3, 4], p1 [5]).
Clipping cases: clip_<name>.grad.p{i}, .max_norm (shape []), .total_norm (shape []), .clipped.p{i}.
Run: /usr/bin/python3 tools/reference/optim.py
"""
import torch

from fixture_io import Fixture, setup

setup(seed=3)
fx = Fixture("optim.json", "tools/reference/optim.py")

STEPS = 5
start = [torch.randn(3, 4), torch.randn(5)]
grads = [[torch.randn(3, 4), torch.randn(5)] for _ in range(STEPS)]

CASES = {
    "sgd": lambda ps: torch.optim.SGD(ps, lr=0.1),
    "sgd_momentum": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9),
    "sgd_momentum_dampening_wd": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01),
    "sgd_nesterov": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True),
    "adam": lambda ps: torch.optim.Adam(ps),
    "adam_wd": lambda ps: torch.optim.Adam(ps, weight_decay=0.1),
    "adam_custom": lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99), eps=1e-6),
    "rmsprop": lambda ps: torch.optim.RMSprop(ps),
    "rmsprop_keras": lambda ps: torch.optim.RMSprop(ps, lr=0.001, alpha=0.9, eps=1e-7),
    "rmsprop_centered_momentum_wd": lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.95, momentum=0.9, centered=True, weight_decay=0.01),
}

for name, make in CASES.items():
    params = [p.clone().requires_grad_(True) for p in start]
    opt = make(params)
    for i, p in enumerate(start):
        fx.add(f"{name}.p{i}.start", p)
    for k in range(1, STEPS + 1):
        for i, p in enumerate(params):
            p.grad = grads[k - 1][i].clone()
            fx.add(f"{name}.step{k}.grad.p{i}", grads[k - 1][i])
        opt.step()
        for i, p in enumerate(params):
            fx.add(f"{name}.step{k}.p{i}", p)


def clip_case(name, scale, max_norm):
    params = [torch.zeros(3, 4, requires_grad=True), torch.zeros(5, requires_grad=True)]
    for p in params:
        p.grad = torch.randn(p.shape) * scale
    for i, p in enumerate(params):
        fx.add(f"clip_{name}.grad.p{i}", p.grad)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    fx.add(f"clip_{name}.max_norm", torch.tensor(max_norm))
    fx.add(f"clip_{name}.total_norm", total)
    for i, p in enumerate(params):
        fx.add(f"clip_{name}.clipped.p{i}", p.grad)


clip_case("above", scale=2.0, max_norm=1.0)    # norm ~ 8 > 1: scaled by 1 / (norm + 1e-6)
clip_case("below", scale=0.1, max_norm=5.0)    # norm ~ 0.4 < 5: unchanged

fx.write()
