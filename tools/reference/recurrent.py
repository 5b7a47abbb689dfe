"""Recurrent layers (issue 3): nn.RNN (tanh, relu), nn.LSTM, nn.GRU, a reset-before GRU, and the four cells.

Run: /usr/bin/python3 tools/reference/recurrent.py
Writes tests/Recur.Tests/fixtures/recurrent/{rnn_tanh,rnn_relu,lstm,gru,gru_reset_before,cells}.json.

Every key starts with its configuration name, e.g. "lstm_l3_bi_h0_ragged.output". Per layer configuration:
  <cfg>.num_layers, .bidirectional, .batch_first, .bias, .input_size, .hidden_size   options (0/1 for flags)
  <cfg>.weight_ih_l0, .weight_hh_l0, .bias_ih_l0, ..., ..._reverse                  the state_dict, PyTorch names
  <cfg>.input [T, B, F] ([B, T, F] when batch_first)
  <cfg>.h0, <cfg>.c0 [L*D, B, H]        only when the configuration passes initial states
  <cfg>.lengths [B]                      only when the batch is passed as lengths (pack_padded_sequence,
                                         enforce_sorted=False, then pad_packed_sequence(total_length=T));
                                         the input past each length holds random values that must be ignored
  <cfg>.output, <cfg>.h_n, <cfg>.c_n     c_n only for LSTM; h_n/c_n in the original batch order
  <cfg>.w_output, <cfg>.w_h_n, <cfg>.w_c_n
                                         loss = sum(output * w_output) + sum(h_n * w_h_n) (+ sum(c_n * w_c_n))
  <cfg>.grad.input, .grad.h0, .grad.c0, .grad.<every state_dict name>
Cells (cells.json): <cfg>.bias, .reset_after (GRU cells), .input_size, .hidden_size, the state_dict
(weight_ih, weight_hh, bias_ih, bias_hh), .input [B, F], .h0/.c0 [B, H] when given, .h1 (and .c1 for LSTM),
.w_h1 (.w_c1), loss = sum(h1 * w_h1) (+ sum(c1 * w_c1)), and .grad.* as above. Config names start with the
cell kind: rnncell_tanh, rnncell_relu, lstmcell, grucell, grucell_reset_before.

PyTorch values are computed in float32 by nn.RNN/LSTM/GRU and the nn cells, except for the configurations with a
larger batch (b37, b21): there nn.RNN/LSTM/GRU run in float64 on the same float32 parameters and inputs and the
values are rounded to float32. Their weight gradients sum 100–200 products whose float32 rounding alone differs by up
to ~1e-5 between two correct float32 implementations (PyTorch's own float32 gradients are up to 1.1e-5 from float64
there), so the comparison is with the exact values instead, at the same tolerance. PyTorch has no reset-before GRU: those
values come from recurrent_reference.py (the equations in torch ops, autograd for gradients) evaluated in float64 on
the same float32 parameters and inputs, then rounded to float32. Before writing anything, this script checks that
reference in float64 against nn.RNN/LSTM/GRU (reset-after) in float64 on every configuration below and stops if any
output, state or gradient differs by more than 1e-10, so the reference (and its packed-sequence handling) is validated.
Each configuration is seeded from a CRC of its name, so adding one does not change the others.
"""
import zlib

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

import recurrent_reference as ref
from fixture_io import FIXTURES, Fixture, setup

GENERATOR = "tools/reference/recurrent.py"
T, B, F, H = 5, 3, 3, 4


class Config:
    def __init__(self, layers, bi=False, bf=False, h0=False, bias=True, lengths=None, batch=B, hidden=H):
        self.layers, self.bi, self.bf, self.h0, self.bias, self.lengths = layers, bi, bf, h0, bias, lengths
        self.batch, self.hidden = batch, hidden

    def name(self, kind):
        parts = [kind, f"l{self.layers}"]
        if self.batch != B: parts.append(f"b{self.batch}")
        if self.hidden != H: parts.append(f"h{self.hidden}")
        if self.bi: parts.append("bi")
        if self.bf: parts.append("bf")
        if self.h0: parts.append("h0")
        if not self.bias: parts.append("nobias")
        if self.lengths is not None:
            if all(n == T for n in self.lengths): parts.append("fulllengths")   # lengths given, all equal to T
            elif max(self.lengths) < T: parts.append("ragged_short")           # even the longest is shorter than T
            else: parts.append("ragged")                                       # a length-1 and a length-T sequence
        return "_".join(parts)

    @property
    def dirs(self):
        return 2 if self.bi else 1

    @property
    def exact(self):
        """Whether the expected values are PyTorch's in float64 (the larger batches; see the module docstring)."""
        return self.batch != B


# Every option appears; the interesting combinations are in the 2- and 3-layer rows.
LAYER_CONFIGS = [
    Config(1),
    Config(1, h0=True),
    Config(1, bias=False),
    Config(1, bf=True, h0=True),
    Config(1, lengths=[3, 5, 1]),
    Config(1, bi=True),
    Config(1, bi=True, bf=True, h0=True, lengths=[1, 5, 3]),
    Config(2, h0=True),
    Config(2, bi=True, bf=True),
    Config(2, bias=False, h0=True, lengths=[5, 2, 1]),
    Config(2, bi=True, lengths=[5, 5, 5]),
    Config(2, bi=True, h0=True, lengths=[4, 1, 2]),
    Config(3),
    Config(3, bi=True, h0=True, lengths=[2, 5, 1]),
    Config(3, bi=True, bf=True, bias=False, lengths=[5, 1, 4]),
    # Batches and widths at which the kernels take their blocked paths (rows in blocks of 16 and groups of four;
    # an LSTM whose H fits one AVX-512 vector), with a ragged last block, as the course's stock and text models run.
    Config(1, batch=37, hidden=10),
    Config(2, bi=True, bf=True, h0=True, batch=37, hidden=10, lengths=[(7 * i) % T + 1 for i in range(36)] + [T]),
    Config(1, h0=True, batch=21, hidden=16, lengths=[(3 * i) % T + 1 for i in range(21)]),
]

RESET_BEFORE_CONFIGS = [
    Config(1),
    Config(1, bf=True, h0=True, bias=False),
    Config(2, bi=True, lengths=[3, 5, 1]),
    Config(2, bi=True, h0=True, lengths=[1, 4, 5]),
]

# (file/prefix, reference kind, nonlinearity)
LAYER_KINDS = [("rnn_tanh", "rnn", "tanh"), ("rnn_relu", "rnn", "relu"), ("lstm", "lstm", None), ("gru", "gru", None)]


def seed_of(name):
    return zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF


def make_layer(kind, nonlinearity, cfg):
    common = dict(num_layers=cfg.layers, bias=cfg.bias, batch_first=cfg.bf, bidirectional=cfg.bi)
    if kind == "rnn":
        return nn.RNN(F, cfg.hidden, nonlinearity=nonlinearity, **common)
    return {"lstm": nn.LSTM, "gru": nn.GRU}[kind](F, cfg.hidden, **common)


def layer_data(kind, cfg, name):
    """Seeds from the name, then draws module parameters, input, initial states and loss weights in a fixed order."""
    torch.manual_seed(seed_of(name))
    module = make_layer(kind, None if kind != "rnn" else "tanh", cfg)  # nonlinearity does not change parameters
    b, h = cfg.batch, cfg.hidden
    x = torch.randn((b, T, F) if cfg.bf else (T, b, F))
    h0 = torch.randn(cfg.layers * cfg.dirs, b, h) if cfg.h0 else None
    c0 = torch.randn(cfg.layers * cfg.dirs, b, h) if cfg.h0 and kind == "lstm" else None
    out_shape = (b, T, cfg.dirs * h) if cfg.bf else (T, b, cfg.dirs * h)
    state_shape = (cfg.layers * cfg.dirs, b, h)
    w = {"output": torch.randn(out_shape), "h_n": torch.randn(state_shape)}
    if kind == "lstm":
        w["c_n"] = torch.randn(state_shape)
    params = {k: v.detach().clone() for k, v in module.state_dict().items()}
    return params, x, h0, c0, w


def loss_of(results, w):
    return sum((results[k] * w[k]).sum() for k in w)


def torch_layer(kind, nonlinearity, cfg, params, x, h0, c0, dtype):
    """nn.RNN/LSTM/GRU in `dtype` on copies of the data; returns values and gradients (dict)."""
    module = make_layer(kind, nonlinearity, cfg).to(dtype)
    module.load_state_dict({k: v.to(dtype) for k, v in params.items()})
    x = x.to(dtype).requires_grad_()
    h0 = None if h0 is None else h0.to(dtype).requires_grad_()
    c0 = None if c0 is None else c0.to(dtype).requires_grad_()
    hx = (h0, c0) if kind == "lstm" and h0 is not None else h0
    if cfg.lengths is None:
        output, state = module(x, hx)
    else:
        packed = pack_padded_sequence(x, torch.tensor(cfg.lengths), batch_first=cfg.bf, enforce_sorted=False)
        packed_out, state = module(packed, hx)
        output, _ = pad_packed_sequence(packed_out, batch_first=cfg.bf, total_length=T)
    results = {"output": output}
    if kind == "lstm":
        results["h_n"], results["c_n"] = state
    else:
        results["h_n"] = state
    return results, module, x, h0, c0


def reference_layer(kind, nonlinearity, cfg, params, x, h0, c0, reset_after, dtype, trace=None):
    params = {k: v.to(dtype).requires_grad_() for k, v in params.items()}
    x = x.to(dtype).requires_grad_()
    h0 = None if h0 is None else h0.to(dtype).requires_grad_()
    c0 = None if c0 is None else c0.to(dtype).requires_grad_()
    output, h_n, c_n = ref.run(kind, params, x, h0, c0, cfg.lengths, cfg.layers, cfg.bi, cfg.bf,
                               nonlinearity or "tanh", reset_after, trace)
    results = {"output": output, "h_n": h_n}
    if c_n is not None:
        results["c_n"] = c_n
    return results, params, x, h0, c0


def gradients(loss, named):
    """d loss / d each named tensor (None entries skipped), in the given order."""
    named = [(k, v) for k, v in named if v is not None]
    grads = torch.autograd.grad(loss, [v for _, v in named])
    return {k: g for (k, _), g in zip(named, grads)}


def assert_agree(name, a, b, tol=1e-10):
    assert a.keys() == b.keys(), (name, sorted(a.keys()), sorted(b.keys()))
    for k in a:
        assert a[k].shape == b[k].shape, (name, k, a[k].shape, b[k].shape)
        diff = (a[k].double() - b[k].double()).abs().max().item()
        if diff > tol:
            raise AssertionError(f"reference and PyTorch disagree on {name}: {k} differs by {diff:g}")


def cross_check_layer(kind, nonlinearity, cfg, name):
    """The float64 reference equals PyTorch's float64 nn module: outputs, states and all gradients."""
    params, x, h0, c0, w = layer_data(kind, cfg, name)
    w64 = {k: v.double() for k, v in w.items()}
    got, module, tx, th0, tc0 = torch_layer(kind, nonlinearity, cfg, params, x, h0, c0, torch.float64)
    tvals = dict(got)
    tvals.update({"grad." + k: v for k, v in gradients(loss_of(got, w64), [("input", tx), ("h0", th0), ("c0", tc0)]
                                                      + list(module.named_parameters())).items()})
    trace = []
    got, rparams, rx, rh0, rc0 = reference_layer(kind, nonlinearity, cfg, params, x, h0, c0, True, torch.float64, trace)
    if nonlinearity == "relu":
        check_relu_margin(name, trace)
    rvals = dict(got)
    rvals.update({"grad." + k: v for k, v in gradients(loss_of(got, w64), [("input", rx), ("h0", rh0), ("c0", rc0)]
                                                      + list(rparams.items())).items()})
    assert_agree(name, tvals, rvals)


RELU_MARGIN = 1e-5


def check_relu_margin(name, pre_activations):
    """ReLU's derivative jumps at 0: a real step's pre-activation within float32 noise of 0 could take a different
    branch in Recur than in PyTorch and make the gradient comparison meaningless. Stop if any is that close."""
    smallest = min(p.abs().min().item() for p in pre_activations if p.numel())
    if smallest < RELU_MARGIN:
        raise AssertionError(f"{name}: a ReLU pre-activation is {smallest:g} from the kink; choose other seeds/sizes")


def add_layer_options(fx, name, cfg):
    fx.add(f"{name}.num_layers", torch.tensor(float(cfg.layers)))
    fx.add(f"{name}.bidirectional", torch.tensor(float(cfg.bi)))
    fx.add(f"{name}.batch_first", torch.tensor(float(cfg.bf)))
    fx.add(f"{name}.bias", torch.tensor(float(cfg.bias)))
    fx.add(f"{name}.input_size", torch.tensor(float(F)))
    fx.add(f"{name}.hidden_size", torch.tensor(float(cfg.hidden)))


def add_case(fx, name, params, x, h0, c0, lengths, results, w, grads):
    for k, v in params.items():
        fx.add(f"{name}.{k}", v)
    fx.add(f"{name}.input", x)
    if h0 is not None:
        fx.add(f"{name}.h0", h0)
    if c0 is not None:
        fx.add(f"{name}.c0", c0)
    if lengths is not None:
        fx.add(f"{name}.lengths", torch.tensor([float(n) for n in lengths]))
    for k, v in results.items():
        fx.add(f"{name}.{k}", v)
    for k, v in w.items():
        fx.add(f"{name}.w_{k}", v)
    for k, v in grads.items():
        fx.add(f"{name}.grad.{k}", v)


def write_layer_kind(prefix, kind, nonlinearity):
    fx = Fixture(f"recurrent/{prefix}.json", GENERATOR, short_floats=True)
    for cfg in LAYER_CONFIGS:
        name = cfg.name(prefix)
        cross_check_layer(kind, nonlinearity, cfg, name)
        params, x, h0, c0, w = layer_data(kind, cfg, name)
        dtype = torch.float64 if cfg.exact else torch.float32
        results, module, tx, th0, tc0 = torch_layer(kind, nonlinearity, cfg, params, x, h0, c0, dtype)
        grads = gradients(loss_of(results, {k: v.to(dtype) for k, v in w.items()}),
                          [("input", tx), ("h0", th0), ("c0", tc0)] + list(module.named_parameters()))
        add_layer_options(fx, name, cfg)
        add_case(fx, name, params, x, h0, c0, cfg.lengths, results, w, grads)
    fx.write()


def write_reset_before():
    fx = Fixture("recurrent/gru_reset_before.json", GENERATOR, short_floats=True)
    for cfg in RESET_BEFORE_CONFIGS:
        name = cfg.name("gru_reset_before")
        cross_check_layer("gru", None, cfg, name)   # the same driver, reset-after, equals nn.GRU
        params, x, h0, c0, w = layer_data("gru", cfg, name)
        results, rparams, rx, rh0, _ = reference_layer("gru", None, cfg, params, x, h0, None, False, torch.float64)
        grads = gradients(loss_of(results, {k: v.double() for k, v in w.items()}),
                          [("input", rx), ("h0", rh0)] + list(rparams.items()))
        # The mode must matter: reset-before differs from reset-after on these weights.
        after, *_ = reference_layer("gru", None, cfg, params, x, h0, None, True, torch.float64)
        assert (after["output"] - results["output"]).abs().max().item() > 1e-3, name
        add_layer_options(fx, name, cfg)
        fx.add(f"{name}.reset_after", torch.tensor(0.0))
        add_case(fx, name, params, x, h0, None, cfg.lengths, results, w, grads)
    fx.write()


# ---- cells ---------------------------------------------------------------------------------------------------

# (config name, reference kind, nonlinearity, reset_after, bias, with initial state)
CELL_CONFIGS = [
    ("rnncell_tanh", "rnn", "tanh", True, True, False),
    ("rnncell_tanh_h0", "rnn", "tanh", True, True, True),
    ("rnncell_tanh_nobias_h0", "rnn", "tanh", True, False, True),
    ("rnncell_relu", "rnn", "relu", True, True, False),
    ("rnncell_relu_h0", "rnn", "relu", True, True, True),
    ("lstmcell", "lstm", None, True, True, False),
    ("lstmcell_h0", "lstm", None, True, True, True),
    ("lstmcell_nobias_h0", "lstm", None, True, False, True),
    ("grucell", "gru", None, True, True, False),
    ("grucell_h0", "gru", None, True, True, True),
    ("grucell_nobias_h0", "gru", None, True, False, True),
    ("grucell_reset_before", "gru", None, False, True, False),
    ("grucell_reset_before_h0", "gru", None, False, True, True),
    ("grucell_reset_before_nobias_h0", "gru", None, False, False, True),
]


def make_cell(kind, nonlinearity, bias):
    if kind == "rnn":
        return nn.RNNCell(F, H, bias=bias, nonlinearity=nonlinearity)
    return {"lstm": nn.LSTMCell, "gru": nn.GRUCell}[kind](F, H, bias=bias)


def cell_data(kind, bias, with_state, name):
    torch.manual_seed(seed_of(name))
    cell = make_cell(kind, "tanh", bias)
    x = torch.randn(B, F)
    h0 = torch.randn(B, H) if with_state else None
    c0 = torch.randn(B, H) if with_state and kind == "lstm" else None
    w = {"h1": torch.randn(B, H)}
    if kind == "lstm":
        w["c1"] = torch.randn(B, H)
    return {k: v.detach().clone() for k, v in cell.state_dict().items()}, x, h0, c0, w


def torch_cell(kind, nonlinearity, bias, params, x, h0, c0, dtype):
    cell = make_cell(kind, nonlinearity, bias).to(dtype)
    cell.load_state_dict({k: v.to(dtype) for k, v in params.items()})
    x = x.to(dtype).requires_grad_()
    h0 = None if h0 is None else h0.to(dtype).requires_grad_()
    c0 = None if c0 is None else c0.to(dtype).requires_grad_()
    if kind == "lstm":
        h1, c1 = cell(x, None if h0 is None else (h0, c0))
        results = {"h1": h1, "c1": c1}
    else:
        results = {"h1": cell(x, h0)}
    return results, list(cell.named_parameters()), x, h0, c0


def reference_cell(kind, nonlinearity, reset_after, params, x, h0, c0, dtype, trace=None):
    params = {k: v.to(dtype).requires_grad_() for k, v in params.items()}
    x = x.to(dtype).requires_grad_()
    h0 = None if h0 is None else h0.to(dtype).requires_grad_()
    c0 = None if c0 is None else c0.to(dtype).requires_grad_()
    zeros = x.new_zeros(B, H)
    h1, c1 = ref.cell_step(kind, x, zeros if h0 is None else h0, zeros if c0 is None else c0,
                           params["weight_ih"], params["weight_hh"], params.get("bias_ih"), params.get("bias_hh"),
                           nonlinearity or "tanh", reset_after, trace)
    results = {"h1": h1} if c1 is None else {"h1": h1, "c1": c1}
    return results, list(params.items()), x, h0, c0


def cell_values(results, named, x, h0, c0, w):
    grads = gradients(loss_of(results, w), [("input", x), ("h0", h0), ("c0", c0)] + named)
    values = dict(results)
    values.update({"grad." + k: v for k, v in grads.items()})
    return values, grads


def write_cells():
    fx = Fixture("recurrent/cells.json", GENERATOR, short_floats=True)
    for name, kind, nonlinearity, reset_after, bias, with_state in CELL_CONFIGS:
        params, x, h0, c0, w = cell_data(kind, bias, with_state, name)
        w64 = {k: v.double() for k, v in w.items()}
        # The reference cell (reset-after) equals the nn cell in float64.
        tvals, _ = cell_values(*torch_cell(kind, nonlinearity, bias, params, x, h0, c0, torch.float64), w64)
        trace = []
        rvals, _ = cell_values(*reference_cell(kind, nonlinearity, True, params, x, h0, c0, torch.float64, trace), w64)
        if nonlinearity == "relu":
            check_relu_margin(name, trace)
        assert_agree(name, tvals, rvals)
        if reset_after:
            results, named, tx, th0, tc0 = torch_cell(kind, nonlinearity, bias, params, x, h0, c0, torch.float32)
            _, grads = cell_values(results, named, tx, th0, tc0, w)
        else:
            results, named, tx, th0, tc0 = reference_cell(kind, nonlinearity, False, params, x, h0, c0, torch.float64)
            _, grads = cell_values(results, named, tx, th0, tc0, w64)
        fx.add(f"{name}.bias", torch.tensor(float(bias)))
        if kind == "gru":
            fx.add(f"{name}.reset_after", torch.tensor(float(reset_after)))
        fx.add(f"{name}.input_size", torch.tensor(float(F)))
        fx.add(f"{name}.hidden_size", torch.tensor(float(H)))
        add_case(fx, name, params, x, h0, c0, None, results, w, grads)
    fx.write()


if __name__ == "__main__":
    setup(seed=0)
    (FIXTURES / "recurrent").mkdir(parents=True, exist_ok=True)
    for prefix, kind, nonlinearity in LAYER_KINDS:
        write_layer_kind(prefix, kind, nonlinearity)
    write_reset_before()
    write_cells()
