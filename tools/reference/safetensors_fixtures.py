"""Safetensors fixtures, written by hand (struct + json, no `safetensors` package) the way the reference
library lays a file out: 8-byte little-endian header length, compact JSON header with "__metadata__" first and
tensors sorted by dtype alignment (largest first) then name, contiguous data_offsets, header padded with spaces
to a multiple of 8 bytes, raw little-endian data.

Writes tests/Recur.Tests/fixtures/safetensors/:
  linear.safetensors     nn.Linear(3, 2).state_dict(): "bias" [2], "weight" [2, 3] (F32)
  linear_io.safetensors  "input" [4, 3] and PyTorch's "output" [4, 2] of that layer (F32)
  half.safetensors       "values" [10] F16 (incl. -0, subnormal, 65504, +-inf, nan) and "expected" = values.float() (F32)
  bfloat16.safetensors   "values" [10] BF16 (incl. -0, subnormal, large, +-inf, nan) and "expected" = values.float() (F32)
  double.safetensors     "values" [2, 3] F64 (not exact in float32) and "expected" = values.float() (F32)
  metadata.safetensors   "__metadata__" {"format": "pt", "note": "…"} (non-ASCII), "scale" [] and "table" [0, 3] (F32)
  integers.safetensors   an LSTM(2, 3)'s state dict beside the integer and boolean buffers PyTorch models carry:
                         "bn.num_batches_tracked" I64 [], "position_ids" I64 [1, 5], "lengths" I32 [3], "mask" BOOL [2, 3],
                         "levels" U8 [4], "offsets" I8 [3], "shorts" I16 [2]
  inexact.safetensors    "big" I64 [2] = [2**24 + 1, -2**40], beyond float32's exact integers
  to_half_source.safetensors  float32 "a" [2, 3] and "b" [5] (rounding ties, subnormals, overflow, inf)
  to_half_f16.safetensors     the same tensors as torch's .half(), laid out as the reference library writes them
  to_half_bf16.safetensors    the same tensors as torch's .bfloat16()

Run: /usr/bin/python3 tools/reference/safetensors_fixtures.py
"""
import json
import struct

import torch

from fixture_io import FIXTURES, setup

OUT = FIXTURES / "safetensors"

# dtype name -> (item size, rank of alignment in the reference's Dtype enum order: larger sorts first)
DTYPES = {
    torch.int64: ("I64", 8, 13),
    torch.float64: ("F64", 8, 12),
    torch.int32: ("I32", 4, 9),
    torch.float32: ("F32", 4, 11),
    torch.bfloat16: ("BF16", 2, 8),
    torch.float16: ("F16", 2, 7),
    torch.int16: ("I16", 2, 5),
    torch.int8: ("I8", 1, 2),
    torch.uint8: ("U8", 1, 1),
    torch.bool: ("BOOL", 1, 0),
}


def raw_bytes(t: torch.Tensor) -> bytes:
    """Row-major little-endian element bytes (int views keep bf16, which numpy lacks, bit-exact)."""
    t = t.detach().contiguous()
    if t.element_size() == 1:
        return t.view(torch.uint8).numpy().tobytes()
    as_int = {8: torch.int64, 4: torch.int32, 2: torch.int16}[t.element_size()]
    return t.view(as_int).numpy().astype(f"<i{t.element_size()}").tobytes()


def write(file_name: str, tensors: dict, metadata: dict | None = None) -> None:
    order = sorted(tensors.items(), key=lambda kv: (-DTYPES[kv[1].dtype][2], kv[0].encode("utf-8")))
    header, chunks, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = dict(sorted(metadata.items()))
    for name, t in order:
        data = raw_bytes(t)
        header[name] = {"dtype": DTYPES[t.dtype][0], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / file_name).write_bytes(struct.pack("<Q", len(text)) + text + b"".join(chunks))
    print(f"wrote {OUT / file_name}")


setup(seed=11)
layer = torch.nn.Linear(3, 2)
x = torch.randn(4, 3)
with torch.no_grad():
    y = layer(x)
write("linear.safetensors", dict(layer.state_dict()))
write("linear_io.safetensors", {"input": x, "output": y})

inf, nan = float("inf"), float("nan")
half = torch.tensor([0.0, -0.0, 1.0, -2.5, 6e-8, 65504.0, inf, -inf, nan, 0.1], dtype=torch.float16)
write("half.safetensors", {"values": half, "expected": half.float()})

bf16 = torch.tensor([0.0, -0.0, 1.0, -2.5, 1e-40, 3e38, inf, -inf, nan, 0.1], dtype=torch.bfloat16)
write("bfloat16.safetensors", {"values": bf16, "expected": bf16.float()})

f64 = torch.tensor([[0.1, -1.0 / 3.0, 1e-50], [1e300, 2.0 ** -149, 123456789.123456789]], dtype=torch.float64)
write("double.safetensors", {"values": f64, "expected": f64.float()})

write("metadata.safetensors",
      {"scale": torch.tensor(2.5), "table": torch.zeros(0, 3)},
      metadata={"format": "pt", "note": "Gewichte für Recur — µ"})

lstm = torch.nn.LSTM(2, 3)
state = dict(lstm.state_dict())
state.update({
    "bn.num_batches_tracked": torch.tensor(7, dtype=torch.int64),
    "position_ids": torch.arange(5, dtype=torch.int64).unsqueeze(0),
    "lengths": torch.tensor([5, 2, 0], dtype=torch.int32),
    "mask": torch.tensor([[True, False, True], [False, False, True]]),
    "levels": torch.tensor([0, 1, 128, 255], dtype=torch.uint8),
    "offsets": torch.tensor([-128, 0, 127], dtype=torch.int8),
    "shorts": torch.tensor([-32768, 32767], dtype=torch.int16),
})
write("integers.safetensors", state)
write("inexact.safetensors", {"big": torch.tensor([2 ** 24 + 1, -2 ** 40], dtype=torch.int64)})

# Ties at both formats' precision (1 + 2**-11 and 1 + 3 * 2**-11 for F16, 1 + 2**-8 for BF16), a float16 subnormal,
# a value that overflows float16, infinities: what a writer must round exactly as PyTorch does. No NaN: PyTorch's own
# payload differs between its scalar (0x7FC0) and vectorised (0xFFFF) bfloat16 conversions, so only NaN-ness is defined.
source = {
    "a": torch.tensor([[1 + 2 ** -11, 1 + 3 * 2 ** -11, 1 + 2 ** -8], [-0.1, 3e-6, 70000.0]], dtype=torch.float32),
    "b": torch.tensor([inf, -inf, -0.0, 1e-45, 2 ** -126], dtype=torch.float32),
}
write("to_half_source.safetensors", source)
write("to_half_f16.safetensors", {k: v.half() for k, v in source.items()})
write("to_half_bf16.safetensors", {k: v.bfloat16() for k, v in source.items()})
