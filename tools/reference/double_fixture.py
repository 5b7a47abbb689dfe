"""Writes reference figures in double precision for the statistics tests (no PyTorch involved).

Format: {"generator": "tools/reference/<script>.py", "versions": {"statsmodels": "...", ...},
         "values": {"name": [v, ...], ...}}
Each value is a flat list of doubles written with repr (exact round trip); one entry per line keeps diffs readable.
"""
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "Recur.Tests" / "fixtures"


class DoubleFixture:
    """Collects named lists of doubles, then writes them in insertion order."""

    def __init__(self, file_name: str, generator: str, versions: dict):
        self.file_name = file_name
        self.generator = generator
        self.versions = versions
        self.values = {}

    def add(self, name: str, values) -> None:
        if name in self.values:
            raise KeyError(f"duplicate fixture entry {name}")
        flat = [float(v) for v in (values.ravel().tolist() if hasattr(values, "ravel") else
                                   (values if isinstance(values, (list, tuple)) else [values]))]
        for v in flat:
            if v != v or v in (float("inf"), float("-inf")):
                raise ValueError(f"{name}: fixture values must be finite")
        self.values[name] = flat

    def write(self) -> Path:
        header = [f'  "generator": {json.dumps(self.generator)},', f'  "versions": {json.dumps(self.versions)},']
        entries = [f"{json.dumps(name)}: [{', '.join(repr(v) for v in values)}]" for name, values in self.values.items()]
        return write_fixture(self.file_name, header, "values", entries, "entries")


def write_fixture(file_name: str, header: list, key: str, entries: list, noun: str) -> Path:
    """Writes {header lines, "key": {one entry a line}} to tests/Recur.Tests/fixtures/file_name through a temporary file."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    path = FIXTURES / file_name
    lines = ["{", *header, f'  "{key}": {{']
    lines += [f"    {entry}{',' if i + 1 < len(entries) else ''}" for i, entry in enumerate(entries)]
    lines += ["  }", "}", ""]
    text = "\n".join(lines)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    print(f"wrote {path.relative_to(REPO)} ({len(entries)} {noun}, {len(text)} bytes)")
    return path


def goog_close():
    """The bundled GOOG file's Close column, oldest first (the file is newest first, no dates)."""
    rows = [line for line in (REPO / "data" / "stock" / "data-02-stock_daily.csv").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    return [float(r.split(",")[4]) for r in reversed(rows)]
