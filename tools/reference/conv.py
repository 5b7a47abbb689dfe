"""1-D convolution and pooling (issue 11): F.conv1d, F.max_pool1d, F.adaptive_max_pool1d, F.adaptive_avg_pool1d,
nn.Conv1d, and the course's convolutional text model (Conv1D(32, 5, relu) then global max pooling over time).

Run: /usr/bin/python3 tools/reference/conv.py
Writes tests/Recur.Tests/fixtures/conv.json.

Op cases, loss = sum(out * w) for a fixed random w:
  <case>.x, <case>.weight, <case>.bias (conv cases; bias only when used), <case>.out, <case>.w,
  <case>.grad.x, <case>.grad.weight, <case>.grad.bias
  options as scalars: conv cases .stride, .pad_start, .pad_end, .dilation, .channels_last;
  max pooling .kernel_size, .stride, .padding, .dilation, .ceil_mode, .channels_last;
  adaptive pooling .output_size, .channels_last.
  Channels-last cases store x as [B, L, C] and out as [B, L_out, C_out]; PyTorch computes them on the transposed
  tensors. Asymmetric padding (pad_start != pad_end) is F.pad with zeros before F.conv1d (Keras' "causal" and "same").
  NaN cases (maxpool_nan*) store x and out with NaN written as 0 and masks .x_nan, .out_nan (1 where NaN), since the
  fixture format holds finite values only.
Module case "module": nn.Conv1d(5, 4, 3, stride=2, padding=1) state_dict (.weight, .bias), .x, .out, .w, .grad.*.
Course case "course": the Keras model's convolution and pooling in PyTorch terms: x [2, 32, 60] (the embedding output
  transposed to channels-first), nn.Conv1d(32, 32, 5) (.weight, .bias), out = adaptive_max_pool1d(relu(conv(x)), 1)
  [2, 32, 1], .w, .grad.x, .grad.weight, .grad.bias.
Fused cases "fused_*" (Tensor.Conv1dReluGlobalMax): out = adaptive_max_pool1d(relu(conv1d(x)), 1) without its last axis,
  [B, C_out], with the conv cases' keys and options; some channels' biases are lowered so that their maximum is not above
  0 and no gradient passes. Each case stops on a pre-activation within 1e-4 of ReLU's kink or a maximum within 1e-4 of
  the next value, as the course case does.

Expected values are PyTorch's in float64 on the float32 inputs, rounded to float32: the convolutions' sums run over up
to 160 products, whose float32 rounding differs between two correct implementations (oneDNN's order is not ours).
Before writing, the script runs every case in float32 too and stops unless PyTorch's float32 results agree with the
float64 ones (rtol 1e-4, atol 1e-5) and every max pooling picks the same elements in both precisions. For the course
case it also stops if a pre-activation lies within 1e-4 of ReLU's kink or a window's two largest values within 1e-4 of
each other, where float32 rounding could change which element gets the gradient.
"""
import zlib

import torch
import torch.nn.functional as F

from fixture_io import Fixture, setup

setup(seed=11)
fx = Fixture("conv.json", "tools/reference/conv.py", short_floats=True)


def seeded(name):
    """A generator seeded from the case name, so adding a case does not change the others."""
    return torch.Generator().manual_seed(zlib.crc32(name.encode()))


def randn(gen, *shape):
    return torch.randn(*shape, generator=gen)


def cl(t):
    """[B, C, L] <-> [B, L, C] (or [C, L] <-> [L, C])."""
    return t.transpose(-1, -2).contiguous()


def run(fn, inputs, dtype):
    """fn on copies of inputs in dtype; returns outputs and gradients of sum(out * w) in float64."""
    leaves = {k: v.to(dtype).clone().requires_grad_(True) for k, v in inputs.items()}
    out = fn(**leaves)
    return out, leaves


def case(name, fn, inputs, options, nan_masks=False):
    gen = seeded(name + ".w")
    out64, leaves64 = run(fn, inputs, torch.float64)
    w = torch.randn(out64.shape, generator=gen)
    # A NaN output makes the loss NaN but not the gradients: d loss / d out = w everywhere.
    (out64 * w.double()).sum().backward()
    out32, leaves32 = run(fn, inputs, torch.float32)
    (out32 * w).sum().backward()
    check_agree(name, "out", out32, out64)
    for k in inputs:
        check_agree(name, f"grad.{k}", leaves32[k].grad, leaves64[k].grad)
    for k, v in options.items():
        fx.add(f"{name}.{k}", torch.tensor(float(v)))
    for k, v in inputs.items():
        add_maybe_nan(f"{name}.{k}", v, nan_masks)
    add_maybe_nan(f"{name}.out", out64.detach(), nan_masks)
    fx.add(f"{name}.w", w)
    for k in inputs:
        fx.add(f"{name}.grad.{k}", leaves64[k].grad)
    return out64, leaves64


def add_maybe_nan(key, t, nan_masks):
    if not nan_masks:
        fx.add(key, t)
        return
    mask = torch.isnan(t)
    fx.add(key, torch.where(mask, torch.zeros_like(t), t))
    fx.add(f"{key}_nan", mask.float())


def check_agree(name, what, a32, a64):
    a32, a64 = a32.detach().double(), a64.detach()
    same_nan = torch.equal(torch.isnan(a32), torch.isnan(a64))
    close = torch.allclose(torch.nan_to_num(a32), torch.nan_to_num(a64), rtol=1e-4, atol=1e-5)
    if not (same_nan and close):
        raise SystemExit(f"{name}.{what}: PyTorch float32 and float64 disagree (max diff "
                         f"{(torch.nan_to_num(a32) - torch.nan_to_num(a64)).abs().max().item():.3g})")


def check_pool_indices(name, x, pool):
    """Max pooling must pick the same elements in float32 and float64 (ties and NaN included)."""
    _, i32 = pool(x.float(), True)
    _, i64 = pool(x.double(), True)
    if not torch.equal(i32, i64):
        raise SystemExit(f"{name}: float32 and float64 pool different elements")


# ---- conv1d ----------------------------------------------------------------------------------------------------

def conv_case(name, batch, c_in, length, c_out, k, stride=1, pad=(0, 0), dilation=1, bias=True, channels_last=False,
              unbatched=False):
    gen = seeded(name)
    x = randn(gen, c_in, length) if unbatched else randn(gen, batch, c_in, length)
    weight = randn(gen, c_out, c_in, k) * 0.5
    inputs = {"x": cl(x) if channels_last else x, "weight": weight}
    if bias:
        inputs["bias"] = randn(gen, c_out)

    def fn(x, weight, bias=None):
        xin = cl(x) if channels_last else x
        if pad[0] != pad[1]:
            y = F.conv1d(F.pad(xin, pad), weight, bias, stride=stride, dilation=dilation)
        else:
            y = F.conv1d(xin, weight, bias, stride=stride, padding=pad[0], dilation=dilation)
        return cl(y) if channels_last else y

    case(name, fn, inputs, {"stride": stride, "pad_start": pad[0], "pad_end": pad[1], "dilation": dilation,
                            "channels_last": int(channels_last)})


conv_case("conv_basic", 2, 3, 9, 4, 3)
conv_case("conv_stride2_pad1", 2, 3, 10, 4, 3, stride=2, pad=(1, 1))
conv_case("conv_dilation2_pad2", 2, 3, 11, 5, 3, pad=(2, 2), dilation=2)
conv_case("conv_s3_p2_d2", 3, 2, 13, 3, 4, stride=3, pad=(2, 2), dilation=2)
conv_case("conv_k1_nobias", 2, 4, 6, 3, 1, bias=False)
conv_case("conv_stride_over_kernel", 2, 3, 12, 2, 2, stride=3)
conv_case("conv_kernel_spans_padded_input", 2, 3, 4, 2, 6, pad=(1, 1))
conv_case("conv_unbatched", 0, 3, 8, 2, 2, unbatched=True)
conv_case("conv_causal", 2, 3, 7, 4, 3, pad=(4, 0), dilation=2)
conv_case("conv_same_even_kernel", 2, 3, 7, 4, 4, pad=(1, 2))
conv_case("conv_wide_channels", 3, 7, 10, 70, 5, pad=(2, 2))
conv_case("conv_cl_basic", 2, 3, 9, 4, 3, channels_last=True)
conv_case("conv_cl_s2_p1_d2", 2, 3, 12, 4, 3, stride=2, pad=(1, 1), dilation=2, channels_last=True)
conv_case("conv_cl_unbatched_nobias", 0, 3, 8, 2, 2, bias=False, channels_last=True, unbatched=True)
conv_case("conv_cl_causal", 2, 3, 7, 4, 3, pad=(2, 0), channels_last=True)


# ---- max pooling ----------------------------------------------------------------------------------------------

def maxpool_case(name, x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, channels_last=False):
    def pool(t, return_indices=False):
        tin = cl(t) if channels_last else t
        y = F.max_pool1d(tin, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
        if return_indices:
            return (cl(y[0]), y[1]) if channels_last else y
        return cl(y) if channels_last else y

    check_pool_indices(name, x, pool)
    nan = bool(torch.isnan(x).any())
    # stride 0 stands for None (PyTorch's default: the kernel size)
    case(name, lambda x: pool(x), {"x": x}, {"kernel_size": kernel_size, "stride": stride or 0,
                                            "padding": padding, "dilation": dilation, "ceil_mode": int(ceil_mode),
                                            "channels_last": int(channels_last)}, nan_masks=nan)


def ties(gen, *shape):
    """Small integers: many exact ties inside every window."""
    return torch.randint(0, 3, shape, generator=gen).float()


maxpool_case("maxpool_k3_s1", randn(seeded("maxpool_k3_s1"), 2, 3, 8), 3, 1)
maxpool_case("maxpool_k2_default_stride", randn(seeded("maxpool_k2_default_stride"), 2, 3, 9), 2)
maxpool_case("maxpool_k3_s2_p1", randn(seeded("maxpool_k3_s2_p1"), 2, 3, 10), 3, 2, padding=1)
maxpool_case("maxpool_k3_d2_p1", randn(seeded("maxpool_k3_d2_p1"), 2, 2, 11), 3, 1, padding=1, dilation=2)
maxpool_case("maxpool_ceil", randn(seeded("maxpool_ceil"), 2, 2, 9), 2, 2, ceil_mode=True)
maxpool_case("maxpool_ceil_p1", randn(seeded("maxpool_ceil_p1"), 2, 2, 10), 3, 2, padding=1, ceil_mode=True)
maxpool_case("maxpool_unbatched", randn(seeded("maxpool_unbatched"), 3, 7), 3, 2)
maxpool_case("maxpool_cl", randn(seeded("maxpool_cl"), 2, 7, 3), 3, 2, padding=1, channels_last=True)
maxpool_case("maxpool_ties", ties(seeded("maxpool_ties"), 2, 3, 12), 3, 1)
maxpool_case("maxpool_ties_s2_p1", ties(seeded("maxpool_ties_s2_p1"), 2, 3, 11), 3, 2, padding=1)
maxpool_case("maxpool_ties_d2", ties(seeded("maxpool_ties_d2"), 2, 2, 12), 2, 1, dilation=2)
maxpool_case("maxpool_ties_cl", ties(seeded("maxpool_ties_cl"), 2, 10, 3), 3, 1, channels_last=True)
nan_x = randn(seeded("maxpool_nan"), 2, 2, 10)
nan_x[0, 0, 2] = nan_x[0, 0, 4] = nan_x[1, 1, 7] = float("nan")
maxpool_case("maxpool_nan", nan_x, 3, 1)
maxpool_case("maxpool_nan_p1", nan_x.clone(), 4, 2, padding=1)


# ---- adaptive pooling -----------------------------------------------------------------------------------------

def adaptive_case(name, x, output_size, channels_last=False, kind="max"):
    def pool(t, return_indices=False):
        tin = cl(t) if channels_last else t
        if kind == "avg":
            y = F.adaptive_avg_pool1d(tin, output_size)
        else:
            y = F.adaptive_max_pool1d(tin, output_size, return_indices)
            if return_indices:
                return (cl(y[0]), y[1]) if channels_last else y
        return cl(y) if channels_last else y

    if kind == "max":
        check_pool_indices(name, x, pool)
    nan = bool(torch.isnan(x).any())
    case(name, lambda x: pool(x), {"x": x}, {"output_size": output_size, "channels_last": int(channels_last)},
         nan_masks=nan)


adaptive_case("adaptive_max_1", randn(seeded("adaptive_max_1"), 2, 3, 7), 1)
adaptive_case("adaptive_max_3_of_7", randn(seeded("adaptive_max_3_of_7"), 2, 3, 7), 3)
adaptive_case("adaptive_max_4_of_6", randn(seeded("adaptive_max_4_of_6"), 2, 2, 6), 4)
adaptive_case("adaptive_max_10_of_7", randn(seeded("adaptive_max_10_of_7"), 2, 2, 7), 10)
adaptive_case("adaptive_max_unbatched", randn(seeded("adaptive_max_unbatched"), 3, 8), 3)
adaptive_case("adaptive_max_cl", randn(seeded("adaptive_max_cl"), 2, 7, 3), 3, channels_last=True)
adaptive_case("adaptive_max_ties", ties(seeded("adaptive_max_ties"), 2, 3, 9), 2)
adaptive_case("adaptive_max_ties_1", ties(seeded("adaptive_max_ties_1"), 2, 3, 9), 1)
adaptive_case("adaptive_max_ties_cl", ties(seeded("adaptive_max_ties_cl"), 2, 9, 3), 1, channels_last=True)
adaptive_nan = randn(seeded("adaptive_max_nan"), 2, 2, 8)
adaptive_nan[0, 1, 1] = adaptive_nan[0, 1, 6] = adaptive_nan[1, 0, 3] = float("nan")
adaptive_case("adaptive_max_nan", adaptive_nan, 1)
adaptive_case("adaptive_max_nan_3", adaptive_nan.clone(), 3)
adaptive_case("adaptive_avg_1", randn(seeded("adaptive_avg_1"), 2, 3, 7), 1, kind="avg")
adaptive_case("adaptive_avg_3_of_7", randn(seeded("adaptive_avg_3_of_7"), 2, 3, 7), 3, kind="avg")
adaptive_case("adaptive_avg_10_of_7", randn(seeded("adaptive_avg_10_of_7"), 2, 2, 7), 10, kind="avg")
adaptive_case("adaptive_avg_unbatched", randn(seeded("adaptive_avg_unbatched"), 3, 8), 3, kind="avg")
adaptive_case("adaptive_avg_cl", randn(seeded("adaptive_avg_cl"), 2, 7, 3), 1, channels_last=True, kind="avg")


# ---- nn.Conv1d module ------------------------------------------------------------------------------------------

def module_case(name, make, x, head):
    """A module's state_dict, forward and gradients, in float64 on its float32 parameters."""
    torch.manual_seed(zlib.crc32(name.encode()))
    module = make()
    state = {k: v.clone() for k, v in module.state_dict().items()}

    def forward(x, weight, bias):
        return head(F.conv1d(x, weight, bias, module.stride, module.padding, module.dilation))

    out64, _ = case(name, forward, {"x": x, "weight": state["weight"], "bias": state["bias"]}, {})
    # The module itself (float32) gives the same output as the functional form.
    with torch.no_grad():
        if not torch.allclose(head(module(x)).double(), out64, rtol=1e-4, atol=1e-5):
            raise SystemExit(f"{name}: nn.Conv1d and F.conv1d disagree")
    return state


module_case("module", lambda: torch.nn.Conv1d(5, 4, 3, stride=2, padding=1), randn(seeded("module"), 2, 5, 9), lambda y: y)


# ---- the course's model: Conv1D(32, 5, relu) then GlobalMaxPooling1D ----------------------------------------------

def course_head(y):
    return F.adaptive_max_pool1d(torch.relu(y), 1)


course_x = randn(seeded("course"), 2, 32, 60)
course_state = module_case("course", lambda: torch.nn.Conv1d(32, 32, 5), course_x, course_head)
with torch.no_grad():
    conv = F.conv1d(course_x.double(), course_state["weight"].double(), course_state["bias"].double())
    if conv.abs().min() < 1e-4:
        raise SystemExit("course: a pre-activation is within 1e-4 of ReLU's kink; change the seed")
    top2 = torch.relu(conv).topk(2, dim=-1).values
    positive = top2[..., 0] > 0
    if ((top2[..., 0] - top2[..., 1])[positive] < 1e-4).any():
        raise SystemExit("course: two time steps are within 1e-4 of a channel's maximum; change the seed")



# ---- convolution, ReLU and global max pooling as one op (Tensor.Conv1dReluGlobalMax) ---------------------------------

def check_no_kink_or_tie(name, conv):
    """Float32 rounding must not move a pre-activation across ReLU's kink or change which step holds a maximum."""
    if conv.abs().min() < 1e-4:
        raise SystemExit(f"{name}: a pre-activation is within 1e-4 of ReLU's kink; change the seed")
    top2 = torch.relu(conv).topk(2, dim=-1).values
    positive = top2[..., 0] > 0
    if ((top2[..., 0] - top2[..., 1])[positive] < 1e-4).any():
        raise SystemExit(f"{name}: two time steps are within 1e-4 of a channel's maximum; change the seed")


def fused_case(name, batch, c_in, length, c_out, k, stride=1, pad=(0, 0), dilation=1, channels_last=False):
    gen = seeded(name)
    x = randn(gen, batch, c_in, length)
    weight = randn(gen, c_out, c_in, k) * 0.5
    bias = randn(gen, c_out)
    bias[::4] -= 20  # every fourth channel stays below 0: ReLU passes it no gradient
    inputs = {"x": cl(x) if channels_last else x, "weight": weight, "bias": bias}

    def conv(x, weight, bias):
        xin = cl(x) if channels_last else x
        return F.conv1d(F.pad(xin, pad), weight, bias, stride=stride, dilation=dilation)

    def fn(x, weight, bias):
        return F.adaptive_max_pool1d(torch.relu(conv(x, weight, bias)), 1).squeeze(-1)

    with torch.no_grad():
        check_no_kink_or_tie(name, conv(*(inputs[key].double() for key in ("x", "weight", "bias"))))
    case(name, fn, inputs, {"stride": stride, "pad_start": pad[0], "pad_end": pad[1], "dilation": dilation,
                            "channels_last": int(channels_last)})


fused_case("fused_basic", 3, 4, 13, 20, 3)
fused_case("fused_s2_p1", 3, 4, 13, 20, 3, stride=2, pad=(1, 1))
fused_case("fused_cl_same", 3, 4, 13, 20, 4, pad=(1, 2), channels_last=True)
fused_case("fused_cl_course", 2, 32, 60, 32, 5, channels_last=True)
fused_case("fused_d2", 2, 3, 11, 6, 3, pad=(2, 2), dilation=2)

fx.write()
