"""Tensor-op fixtures: inputs, outputs and input gradients of loss = sum(out * w) for a fixed random w.

For a case "c" with inputs "a", "b": c.a, c.b, c.out, c.w, c.grad.a, c.grad.b.
A case with several outputs (split) stores c.out0, c.w0, c.out1, c.w1, ...
Run: /usr/bin/python3 tools/reference/ops.py
"""
import torch
import torch.nn.functional as F

from fixture_io import Fixture, setup

setup(seed=20240502)
fx = Fixture("ops.json", "tools/reference/ops.py")


def randn(*shape):
    return torch.randn(*shape)


def positive(*shape):
    """Values in [0.5, 2.0): safe denominators, log and fractional-power inputs."""
    return torch.rand(*shape) * 1.5 + 0.5


def away_from_zero(*shape):
    """Normal values pushed away from 0, so relu's kink is never hit."""
    x = torch.randn(*shape)
    return x + 0.25 * torch.sign(x)


def case(name, fn, **inputs):
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    out = fn(**leaves)
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    weights = [torch.randn(o.shape) for o in outs]
    loss = sum((o * w).sum() for o, w in zip(outs, weights))
    loss.backward()
    for k, v in inputs.items():
        fx.add(f"{name}.{k}", v)
    if len(outs) == 1:
        fx.add(f"{name}.out", outs[0])
        fx.add(f"{name}.w", weights[0])
    else:
        for i, (o, w) in enumerate(zip(outs, weights)):
            fx.add(f"{name}.out{i}", o)
            fx.add(f"{name}.w{i}", w)
    for k, v in leaves.items():
        fx.add(f"{name}.grad.{k}", v.grad)


# matmul, all four transpose combinations: out [3, 5]
case("matmul_nn", lambda a, b: a @ b, a=randn(3, 4), b=randn(4, 5))
case("matmul_tn", lambda a, b: a.t() @ b, a=randn(4, 3), b=randn(4, 5))
case("matmul_nt", lambda a, b: a @ b.t(), a=randn(3, 4), b=randn(5, 4))
case("matmul_tt", lambda a, b: a.t() @ b.t(), a=randn(4, 3), b=randn(5, 4))

# binary ops with broadcasting
case("add_bcast", lambda a, b: a + b, a=randn(3, 4), b=randn(4))
case("sub_bcast", lambda a, b: a - b, a=randn(3, 4), b=randn(3, 1))
case("mul_bcast", lambda a, b: a * b, a=randn(2, 1, 4), b=randn(3, 1))
case("div_bcast", lambda a, b: a / b, a=randn(3, 4), b=positive(3, 1))
case("div_same", lambda a, b: a / b, a=randn(3, 4), b=-positive(3, 4))

# scalar ops
case("scalar_add", lambda x: x + 2.5, x=randn(3, 4))
case("scalar_rsub", lambda x: 3.0 - x, x=randn(3, 4))
case("scalar_mul", lambda x: x * -1.5, x=randn(3, 4))
case("scalar_div", lambda x: x / 4.0, x=randn(3, 4))
case("scalar_neg", lambda x: -x, x=randn(3, 4))
case("pow_2", lambda x: x.pow(2.0), x=randn(3, 4))
case("pow_half", lambda x: x.pow(0.5), x=positive(3, 4))

# elementwise activations
case("sigmoid", torch.sigmoid, x=randn(3, 4) * 3)
case("tanh", torch.tanh, x=randn(3, 4) * 2)
case("relu", torch.relu, x=away_from_zero(3, 4))
case("exp", torch.exp, x=randn(3, 4))
case("log", torch.log, x=positive(3, 4))

# softmax / log-softmax along the last axis and axis 0
case("softmax_last", lambda x: F.softmax(x, dim=-1), x=randn(3, 4) * 3)
case("softmax_axis0", lambda x: F.softmax(x, dim=0), x=randn(3, 4) * 3)
case("log_softmax_last", lambda x: F.log_softmax(x, dim=-1), x=randn(3, 4) * 3)
case("log_softmax_axis0", lambda x: F.log_softmax(x, dim=0), x=randn(3, 4) * 3)
case("softmax_3d_axis1", lambda x: F.softmax(x, dim=1), x=randn(2, 3, 4) * 3)

# reductions
case("sum_all", lambda x: x.sum(), x=randn(3, 4))
case("mean_all", lambda x: x.mean(), x=randn(3, 4))
case("sum_axis1", lambda x: x.sum(dim=1), x=randn(2, 3, 4))
case("sum_axis1_keepdim", lambda x: x.sum(dim=1, keepdim=True), x=randn(2, 3, 4))
case("mean_axis0", lambda x: x.mean(dim=0), x=randn(3, 4))
case("mean_last_keepdim", lambda x: x.mean(dim=-1, keepdim=True), x=randn(2, 3, 4))

# shape ops
case("reshape", lambda x: x.reshape(6, 4), x=randn(2, 3, 4))
case("reshape_infer", lambda x: x.reshape(-1, 2, 3), x=randn(3, 4))
case("transpose", lambda x: x.t(), x=randn(3, 4))
case("narrow_last", lambda x: x.narrow(1, 1, 2), x=randn(3, 4))
case("narrow_first", lambda x: x.narrow(0, 1, 2), x=randn(3, 4))
case("narrow_middle_3d", lambda x: x.narrow(1, 1, 2), x=randn(2, 4, 3))
case("select_dim0", lambda x: x.select(0, 1), x=randn(3, 4))
case("select_dim1_3d", lambda x: x.select(1, 2), x=randn(2, 3, 4))
case("concat_last", lambda a, b: torch.cat([a, b], dim=-1), a=randn(3, 2), b=randn(3, 3))
case("concat_axis0", lambda a, b: torch.cat([a, b], dim=0), a=randn(2, 4), b=randn(1, 4))
case("split_last", lambda x: torch.split(x, [2, 3], dim=-1), x=randn(3, 5))

# index_select on an embedding-like table, with repeated indices (gradients accumulate)
index_select_ids = torch.tensor([1, 3, 1, 0, 1])
case("index_select", lambda x: x.index_select(0, index_select_ids), x=randn(5, 3))
fx.add("index_select.ids", index_select_ids)

# F.linear with a 3-D input
case("linear_3d", lambda x, weight, bias: F.linear(x, weight, bias),
     x=randn(2, 3, 4), weight=randn(5, 4), bias=randn(5))
case("linear_nobias", lambda x, weight: F.linear(x, weight), x=randn(4, 4), weight=randn(2, 4))

fx.write()
