"""nn.Linear(5, 3) fixture: state_dict, input [4, 5], output, and gradients of loss = sum(out * w).

Run: /usr/bin/python3 tools/reference/linear.py
"""
import torch

from fixture_io import Fixture, setup

setup(seed=7)
fx = Fixture("linear.json", "tools/reference/linear.py")

layer = torch.nn.Linear(5, 3)
x = torch.randn(4, 5, requires_grad=True)
out = layer(x)
w = torch.randn(out.shape)
(out * w).sum().backward()

for name, value in layer.state_dict().items():
    fx.add(name, value)             # "weight" [3, 5], "bias" [3]
fx.add("input", x)
fx.add("out", out)
fx.add("w", w)
fx.add("grad.weight", layer.weight.grad)
fx.add("grad.bias", layer.bias.grad)
fx.add("grad.input", x.grad)
fx.write()
