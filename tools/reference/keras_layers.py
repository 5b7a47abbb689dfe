"""Fixtures for the Keras-style Dense and Bidirectional layers, computed by the PyTorch modules that compute the same
functions (TensorFlow is not packaged for Debian, so Keras itself cannot be run here).

Keras' Dense(3, activation) is activation(x W + b): nn.Linear(5, 3) followed by the activation, on x [2, 4, 5].
  dense.weight [3, 5], dense.bias [3], dense.input [2, 4, 5]
  dense.<act>.out, dense.<act>.w, dense.<act>.grad.weight, dense.<act>.grad.bias, dense.<act>.grad.input
    for <act> in linear, sigmoid, relu, tanh, softmax; loss = sum(out * w)

Keras' Bidirectional(layer, merge_mode) runs a forward copy and a backward copy (go_backwards) of the layer and merges
their outputs; with return_sequences the backward outputs are reversed back into time order, without it each copy gives
its last output, the backward one's being its state after the first real step. That is PyTorch's bidirectional layer
(batch_first, packed sequences for the lengths) with its two halves merged: concat is the output as it is, sum / mul /
ave combine out[..., :H] and out[..., H:] (or h_n[0] and h_n[1] for many-to-one). Keras' SimpleRNN and LSTM have one
bias, so those layers run with bias_hh zero (its gradient equals bias_ih's); Keras' GRU (reset_after) has both, as
PyTorch's.
  bi.<kind>.<param> for the state_dict (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 and *_reverse),
  bi.<kind>.input [B, T, F] post-padded, bi.<kind>.lengths [B]
  bi.<kind>.<case>.out, .w, .grad.input, .grad.<param>
    <case> is seq_<mode> (return_sequences) or last_<mode>, mode concat / sum / mul / ave

Run: /usr/bin/python3 tools/reference/keras_layers.py
"""
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from fixture_io import Fixture, setup

setup(seed=11)
fx = Fixture("keras_layers.json", "tools/reference/keras_layers.py", short_floats=True)

# Dense
dense = torch.nn.Linear(5, 3)
x = torch.randn(2, 4, 5)
fx.add("dense.weight", dense.weight)
fx.add("dense.bias", dense.bias)
fx.add("dense.input", x)
activations = {
    "linear": lambda y: y,
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
    "tanh": torch.tanh,
    "softmax": lambda y: torch.softmax(y, -1),
}
for name, activation in activations.items():
    xi = x.clone().requires_grad_(True)
    dense.zero_grad()
    out = activation(dense(xi))
    w = torch.randn(out.shape)
    (out * w).sum().backward()
    fx.add(f"dense.{name}.out", out)
    fx.add(f"dense.{name}.w", w)
    fx.add(f"dense.{name}.grad.weight", dense.weight.grad)
    fx.add(f"dense.{name}.grad.bias", dense.bias.grad)
    fx.add(f"dense.{name}.grad.input", xi.grad)

# Bidirectional
B, T, F, H = 3, 5, 4, 5
LENGTHS = [5, 3, 1]
modes = ["concat", "sum", "mul", "ave"]
cases = {
    "lstm": [(seq, mode) for seq in (True, False) for mode in modes],
    "gru": [(True, "concat"), (False, "sum")],
    "simple_rnn": [(True, "sum"), (False, "concat")],
}


def make(kind):
    if kind == "lstm":
        return torch.nn.LSTM(F, H, batch_first=True, bidirectional=True)
    if kind == "gru":
        return torch.nn.GRU(F, H, batch_first=True, bidirectional=True)
    return torch.nn.RNN(F, H, batch_first=True, bidirectional=True)


def merge(mode, forward, backward):
    if mode == "concat":
        return torch.cat([forward, backward], -1)
    if mode == "sum":
        return forward + backward
    if mode == "mul":
        return forward * backward
    return (forward + backward) / 2


for kind, kind_cases in cases.items():
    layer = make(kind)
    if kind != "gru":
        with torch.no_grad():
            layer.bias_hh_l0.zero_()
            layer.bias_hh_l0_reverse.zero_()
    x = torch.randn(B, T, F)
    for b, n in enumerate(LENGTHS):
        x[b, n:] = 0
    prefix = f"bi.{kind}"
    for name, value in layer.state_dict().items():
        fx.add(f"{prefix}.{name}", value)
    fx.add(f"{prefix}.input", x)
    fx.add(f"{prefix}.lengths", torch.tensor(LENGTHS, dtype=torch.float32))
    for seq, mode in kind_cases:
        case = f"{prefix}.{'seq' if seq else 'last'}_{mode}"
        xi = x.clone().requires_grad_(True)
        layer.zero_grad()
        packed = pack_padded_sequence(xi, torch.tensor(LENGTHS), batch_first=True, enforce_sorted=False)
        output, state = layer(packed)
        output, _ = pad_packed_sequence(output, batch_first=True, total_length=T)
        h_n = state[0] if kind == "lstm" else state
        out = merge(mode, output[..., :H], output[..., H:]) if seq else merge(mode, h_n[0], h_n[1])
        w = torch.randn(out.shape)
        (out * w).sum().backward()
        fx.add(f"{case}.out", out)
        fx.add(f"{case}.w", w)
        fx.add(f"{case}.grad.input", xi.grad)
        for name, parameter in layer.named_parameters():
            fx.add(f"{case}.grad.{name}", parameter.grad)

fx.write()
