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

Run: /usr/bin/python3 tools/reference/safetensors_fixtures.py
"""
import json
import struct

import torch

from fixture_io import FIXTURES, setup

OUT = FIXTURES / "safetensors"

# dtype name -> (item size, rank of alignment in the reference's Dtype enum order: larger sorts first)
DTYPES = {
    torch.float64: ("F64", 8, 12),
    torch.float32: ("F32", 4, 11),
    torch.bfloat16: ("BF16", 2, 8),
    torch.float16: ("F16", 2, 7),
}


def raw_bytes(t: torch.Tensor) -> bytes:
    """Row-major little-endian element bytes (int views keep bf16, which numpy lacks, bit-exact)."""
    t = t.detach().contiguous()
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
