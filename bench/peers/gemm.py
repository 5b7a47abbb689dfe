#!/usr/bin/python3
"""GEMM peer benchmark: the shapes of bench/Recur.Bench's `gemm` benchmark, run with PyTorch and numpy.

Run: /usr/bin/python3 bench/peers/gemm.py [--json]
Prints a markdown table (GFLOP/s, median of timed repetitions after warm-up), or with --json one
JSON object per line that Recur.Bench reads to print its ratio column.
"""
import json
import os
import sys
import time

import numpy as np
import torch

# (m, n, k): C[m×n] = A[m×k] · B[k×n]. Keep in step with bench/Recur.Bench/GemmBenchmark.cs.
SHAPES = [(100, 384, 128), (507, 40, 10), (20, 800, 200), (20, 10000, 200), (1024, 1024, 1024), (1, 40, 10), (6, 5, 5)]


def median_seconds(fn, target_seconds=0.5, samples=21):
    """Median time of one call: warm up, size each sample to ~target/samples seconds, take the median."""
    for _ in range(3):
        fn()
    start = time.perf_counter()
    calls = 0
    while time.perf_counter() - start < 0.05:
        fn()
        calls += 1
    per_call = (time.perf_counter() - start) / calls
    inner = max(1, int(target_seconds / samples / per_call))
    times = []
    for _ in range(samples):
        t = time.perf_counter()
        for _ in range(inner):
            fn()
        times.append((time.perf_counter() - t) / inner)
    times.sort()
    return times[len(times) // 2]


def blas_libraries():
    """The BLAS shared libraries actually mapped into this process (Debian's torch says BLAS_INFO=generic
    and gets whatever libblas.so.3 the alternatives system points at: reference BLAS or OpenBLAS)."""
    torch.mm(torch.rand(64, 64), torch.rand(64, 64))
    found = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if "blas" in path.lower() and path.startswith("/"):
                found.add(os.path.realpath(path))
    return ", ".join(sorted(found)) or "unknown"


def openblas_thread_setter():
    """Debian's torch does not pass torch.set_num_threads on to OpenBLAS, whose own pool uses every core;
    set the thread count of every loaded OpenBLAS copy directly (libblas.so.3 and libopenblas are separate
    copies with separate pools), so "1T" really means one thread."""
    import ctypes
    setters = []
    for path in blas_libraries().split(", "):
        try:
            setter = ctypes.CDLL(path).openblas_set_num_threads
        except (OSError, AttributeError):
            continue
        setter.argtypes = [ctypes.c_int]
        setters.append(setter)
    return lambda count: [setter(count) for setter in setters]


def set_threads(count, openblas_setter):
    torch.set_num_threads(count)
    openblas_setter(count)


def description():
    return (f"PyTorch {torch.__version__}, numpy {np.__version__}, BLAS {blas_libraries()}, "
            f"{os.cpu_count()} cores")


def main():
    as_json = "--json" in sys.argv
    torch.manual_seed(0)
    if as_json:
        print(json.dumps({"description": description()}), flush=True)
    rows = []
    openblas_setter = openblas_thread_setter()
    for m, n, k in SHAPES:
        flops = 2.0 * m * n * k
        a = torch.rand(m, k)
        b = torch.rand(k, n)
        out = torch.empty(m, n)
        result = {"m": m, "n": n, "k": k}
        for threads in (1, 2):
            set_threads(threads, openblas_setter)
            seconds = median_seconds(lambda: torch.mm(a, b, out=out))
            result[f"torch_{threads}t"] = flops / seconds / 1e9
        # numpy with its BLAS's default thread count (every core), as users run it.
        set_threads(len(os.sched_getaffinity(0)), openblas_setter)
        an, bn = a.numpy(), b.numpy()
        outn = np.empty((m, n), dtype=np.float32)
        seconds = median_seconds(lambda: np.matmul(an, bn, out=outn))
        result["numpy"] = flops / seconds / 1e9
        rows.append(result)
        if as_json:
            print(json.dumps(result), flush=True)

    if not as_json:
        print(description())
        print()
        print("| shape (m×k)·(k×n) | PyTorch 1T | PyTorch 2T | numpy |")
        print("|---|---:|---:|---:|")
        for r in rows:
            print(f"| ({r['m']}×{r['k']})·({r['k']}×{r['n']}) | {r['torch_1t']:.1f} | {r['torch_2t']:.1f} | {r['numpy']:.1f} |")
        print()
        print("GFLOP/s = 2·m·n·k / median time per call.")


if __name__ == "__main__":
    main()
