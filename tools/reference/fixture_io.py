"""Writes PyTorch reference tensors as the JSON fixtures the C# parity tests read.

Format: {"generator": "tools/reference/<script>.py", "torch": "<version>",
         "tensors": {"name": {"shape": [...], "data": [...]}, ...}}
Values are float32 converted to Python float, so they are exact; one tensor per line keeps diffs readable.
"""
import json
import struct
from pathlib import Path

import torch

from double_fixture import write_fixture

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "Recur.Tests" / "fixtures"


def setup(seed: int = 0) -> None:
    """Deterministic CPU float32 math: fixed seed, one thread, float32 default."""
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)


def entry(t) -> dict:
    t = torch.as_tensor(t).detach().to(torch.float32).contiguous()
    data = [float(v) for v in t.flatten().tolist()]
    for v in data:
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError("fixture tensors must be finite")
    return {"shape": list(t.shape), "data": data}


def float32_text(v: float) -> str:
    """The shortest decimal (JSON number) that, parsed as a double and rounded to float32 (what the C# loader does),
    gives exactly the float32 value v; falls back to the full double repr if no shorter one does."""
    target = struct.pack("<f", v)
    for digits in range(1, 10):
        text = f"{v:.{digits}g}"
        if struct.pack("<f", float(text)) == target:
            return text
    return repr(v)


def short_entry_text(value: dict) -> str:
    data = ", ".join(float32_text(v) for v in value["data"])
    return f'{{"shape": {json.dumps(value["shape"])}, "data": [{data}]}}'


class Fixture:
    """Collects named tensors, then writes them in insertion order."""

    def __init__(self, file_name: str, generator: str, short_floats: bool = False):
        """short_floats: write each value as the shortest decimal that still reads back as exactly the same
        float32 (see float32_text); about half the size of the default full double repr, same values."""
        self.file_name = file_name
        self.generator = generator
        self.short_floats = short_floats
        self.tensors = {}

    def add(self, name: str, t) -> None:
        if name in self.tensors:
            raise KeyError(f"duplicate fixture tensor {name}")
        self.tensors[name] = entry(t)

    def write(self) -> Path:
        header = [f'  "generator": {json.dumps(self.generator)},', f'  "torch": {json.dumps(torch.__version__)},']
        entries = [f"{json.dumps(name)}: {short_entry_text(value) if self.short_floats else json.dumps(value, separators=(', ', ': '))}"
                   for name, value in self.tensors.items()]
        return write_fixture(self.file_name, header, "tensors", entries, "tensors")
