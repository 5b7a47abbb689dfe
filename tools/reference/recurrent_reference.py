"""A recurrent-layer reference written from the equations with plain torch ops (autograd does the gradients).

PyTorch has no reset-before GRU, so its fixtures come from here. To trust it, `recurrent.py` first runs this
reference in float64 against nn.RNN / nn.LSTM / nn.GRU (reset-after) on every configuration and asserts
agreement, so the driver (layers, directions, lengths) and the cells are validated against PyTorch itself.

Parameter names and layouts are PyTorch's: weight_ih_l{k}[_reverse] [G*H, in], weight_hh_l{k} [G*H, H],
bias_ih_l{k} [G*H], bias_hh_l{k} [G*H]; gate order LSTM i, f, g, o; GRU r, z, n.
"""
import torch


def _linear(x, w, b):
    y = x @ w.t()
    return y if b is None else y + b


def cell_step(kind, x, h, c, w_ih, w_hh, b_ih, b_hh, nonlinearity="tanh", reset_after=True, trace=None):
    """One step. kind: "rnn", "lstm" or "gru". Returns (h', c') (c' is None except for LSTM).
    trace: if a list, the RNN pre-activation [B, H] is appended (to check ReLU inputs keep away from its kink)."""
    if kind == "rnn":
        # h' = act(W_ih x + b_ih + W_hh h + b_hh)
        pre = _linear(x, w_ih, b_ih) + _linear(h, w_hh, b_hh)
        if trace is not None:
            trace.append(pre.detach())
        return (torch.tanh(pre) if nonlinearity == "tanh" else torch.relu(pre)), None
    if kind == "lstm":
        # i, f, g, o = σ, σ, tanh, σ (W_ih x + b_ih + W_hh h + b_hh); c' = f c + i g; h' = o tanh(c')
        gates = _linear(x, w_ih, b_ih) + _linear(h, w_hh, b_hh)
        i, f, g, o = gates.chunk(4, dim=1)
        i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
        c_new = f * c + i * g
        return o * torch.tanh(c_new), c_new
    if kind == "gru":
        gi_r, gi_z, gi_n = _linear(x, w_ih, b_ih).chunk(3, dim=1)
        w_hr, w_hz, w_hn = w_hh.chunk(3, dim=0)
        b_hr, b_hz, b_hn = (None, None, None) if b_hh is None else b_hh.chunk(3)
        # r = σ(W_ir x + b_ir + W_hr h + b_hr); z = σ(W_iz x + b_iz + W_hz h + b_hz)
        r = torch.sigmoid(gi_r + _linear(h, w_hr, b_hr))
        z = torch.sigmoid(gi_z + _linear(h, w_hz, b_hz))
        if reset_after:
            # n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))      (PyTorch, Keras reset_after=True)
            n = torch.tanh(gi_n + r * _linear(h, w_hn, b_hn))
        else:
            # n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)      (Cho et al. 2014, reset-before)
            n = torch.tanh(gi_n + _linear(r * h, w_hn, b_hn))
        # h' = (1 − z) ⊙ n + z ⊙ h
        return (1 - z) * n + z * h, None
    raise ValueError(kind)


def gate_count(kind):
    return {"rnn": 1, "lstm": 4, "gru": 3}[kind]


def run(kind, params, x, h0=None, c0=None, lengths=None, num_layers=1, bidirectional=False,
        batch_first=False, nonlinearity="tanh", reset_after=True, trace=None):
    """Stacked (bi)directional layer with PyTorch packed-sequence semantics for `lengths`.

    params: dict of PyTorch state_dict names -> tensors (no bias keys when bias=False).
    Returns (output, h_n, c_n): output [T, B, D*H] (or [B, T, D*H]), zero past each length;
    h_n / c_n [L*D, B, H] hold the state at each sequence's last real step (c_n None unless LSTM).
    trace: if a list, receives the RNN pre-activations of the real (unpadded) steps, flattened.
    """
    if batch_first:
        x = x.transpose(0, 1)
    steps, batch = x.shape[0], x.shape[1]
    hidden = params["weight_hh_l0"].shape[1]
    dirs = 2 if bidirectional else 1
    lengths = [steps] * batch if lengths is None else list(lengths)
    # live[t]: [B, 1] True where step t is a real step of that sequence.
    live = [torch.tensor([[t < n] for n in lengths]) for t in range(steps)]
    zeros = x.new_zeros(batch, hidden)
    layer_input = x
    h_n, c_n = [], []
    for layer in range(num_layers):
        outputs = []
        for d in range(dirs):
            sfx = f"_l{layer}" + ("_reverse" if d == 1 else "")
            w_ih, w_hh = params["weight_ih" + sfx], params["weight_hh" + sfx]
            b_ih, b_hh = params.get("bias_ih" + sfx), params.get("bias_hh" + sfx)
            k = layer * dirs + d
            h = zeros if h0 is None else h0[k]
            c = zeros if c0 is None else c0[k]
            out = [None] * steps
            # The reverse direction walks T-1 .. 0; a sequence's state stays at h0 until its last real step.
            for t in (range(steps) if d == 0 else reversed(range(steps))):
                step_trace = [] if trace is not None else None
                h_new, c_new = cell_step(kind, layer_input[t], h, c, w_ih, w_hh, b_ih, b_hh, nonlinearity, reset_after,
                                         step_trace)
                if step_trace:
                    trace.append(step_trace[0][live[t].squeeze(1)].flatten())
                h = torch.where(live[t], h_new, h)
                if c_new is not None:
                    c = torch.where(live[t], c_new, c)
                out[t] = torch.where(live[t], h_new, zeros)
            outputs.append(torch.stack(out))
            h_n.append(h)
            c_n.append(c)
        layer_input = torch.cat(outputs, dim=2)
    output = layer_input.transpose(0, 1) if batch_first else layer_input
    return output, torch.stack(h_n), (torch.stack(c_n) if kind == "lstm" else None)
