"""Fixtures for RecurrentLayer: a PyTorch recurrent module in a Sequential, reading out every step, the last real step
or the last layer's final state — the lines a PyTorch user writes in a custom module's forward.

Each case runs nn.RNN / nn.LSTM / nn.GRU on x (post-padded, packed with pack_padded_sequence when ragged) and reads out:
  sequence    output (zero at padding steps)
  last_step   output[b, length_b - 1] (output[:, -1] / output[-1] for full sequences)
  final_state h_n[-1], or cat(h_n[-2], h_n[-1]) when bidirectional
optionally followed by nn.Linear (the "head"), as Sequential(RecurrentLayer(rnn, readout), Linear) computes it.
Keys, per CASE:
  CASE.0.<param> the module's state_dict (PyTorch names), CASE.1.weight / CASE.1.bias the head's when it has one,
  CASE.input, CASE.lengths (when ragged), CASE.out, CASE.w (loss = sum(out * w)), CASE.grad.input, CASE.grad.0.<param>,
  CASE.grad.1.weight, CASE.grad.1.bias

Run: /usr/bin/python3 tools/reference/recurrent_layer.py
"""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from fixture_io import Fixture, setup

setup(seed=13)
fx = Fixture("recurrent_layer.json", "tools/reference/recurrent_layer.py", short_floats=True)

B, T, F, H, CLASSES = 3, 5, 4, 5, 3
RAGGED = [5, 3, 1]

# name: (kind, layers, bidirectional, batch_first, ragged, readout, head)
CASES = {
    "gru_l2_last_head": ("gru", 2, False, True, False, "last_step", True),
    "gru_l2_last_ragged": ("gru", 2, False, True, True, "last_step", False),
    "lstm_bi_last_ragged": ("lstm", 1, True, True, True, "last_step", False),
    "lstm_bi_final_ragged": ("lstm", 1, True, True, True, "final_state", True),
    "gru_bi_l2_final": ("gru", 2, True, True, False, "final_state", False),
    "rnn_bi_time_major_last": ("rnn", 1, True, False, False, "last_step", True),
    "rnn_time_major_seq_ragged": ("rnn", 2, False, False, True, "sequence", False),
}


def make(kind, layers, bidirectional, batch_first):
    cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]
    return cls(F, H, num_layers=layers, bidirectional=bidirectional, batch_first=batch_first)


for name, (kind, layers, bidirectional, batch_first, ragged, readout, with_head) in CASES.items():
    rnn = make(kind, layers, bidirectional, batch_first)
    d = 2 if bidirectional else 1
    head = nn.Linear(d * H, CLASSES) if with_head else None
    lengths = RAGGED if ragged else [T] * B
    x = torch.randn(B, T, F) if batch_first else torch.randn(T, B, F)
    for b, n in enumerate(lengths):
        if batch_first:
            x[b, n:] = 0
        else:
            x[n:, b] = 0
    for key, value in rnn.state_dict().items():
        fx.add(f"{name}.0.{key}", value)
    if head is not None:
        fx.add(f"{name}.1.weight", head.weight)
        fx.add(f"{name}.1.bias", head.bias)
    fx.add(f"{name}.input", x)
    if ragged:
        fx.add(f"{name}.lengths", torch.tensor(lengths, dtype=torch.float32))

    xi = x.clone().requires_grad_(True)
    if ragged:
        packed = pack_padded_sequence(xi, torch.tensor(lengths), batch_first=batch_first, enforce_sorted=False)
        output, state = rnn(packed)
        output, _ = pad_packed_sequence(output, batch_first=batch_first, total_length=T)
    else:
        output, state = rnn(xi)
    h_n = state[0] if kind == "lstm" else state
    if readout == "sequence":
        out = output
    elif readout == "last_step":
        rows = [output[b, n - 1] if batch_first else output[n - 1, b] for b, n in enumerate(lengths)]
        out = torch.stack(rows)
    else:
        out = torch.cat([h_n[-2], h_n[-1]], -1) if bidirectional else h_n[-1]
    if head is not None:
        out = head(out)
    w = torch.randn(out.shape)
    (out * w).sum().backward()
    fx.add(f"{name}.out", out)
    fx.add(f"{name}.w", w)
    fx.add(f"{name}.grad.input", xi.grad)
    for key, parameter in rnn.named_parameters():
        fx.add(f"{name}.grad.0.{key}", parameter.grad)
    if head is not None:
        fx.add(f"{name}.grad.1.weight", head.weight.grad)
        fx.add(f"{name}.grad.1.bias", head.bias.grad)

fx.write()
