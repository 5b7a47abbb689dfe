#!/usr/bin/python3
"""GEMM peer benchmark: the shapes of bench/Recur.Bench's `gemm` benchmark, run with PyTorch and numpy.

Run: /usr/bin/python3 bench/peers/gemm.py [--json]
Prints a markdown table (GFLOP/s, median of timed repetitions after warm-up), or with --json one
JSON object per line that Recur.Bench reads to print its ratio column.
"""
import json
import os
import sys

import numpy as np
import torch

from peer_timing import blas_libraries, median_seconds, thread_setter

# (m, n, k): C[m×n] = A[m×k] · B[k×n]. Keep in step with bench/Recur.Bench/GemmBenchmark.cs.
# Half a second of 21 samples per shape after a short warm-up.
TIMING = dict(target_seconds=0.5, samples=21, warmup_calls=3, warmup_seconds=0.05)
SHAPES = [(100, 384, 128), (507, 40, 10), (20, 800, 200), (20, 10000, 200), (1024, 1024, 1024), (1, 40, 10), (6, 5, 5)]










def description():
    return (f"PyTorch {torch.__version__}, numpy {np.__version__}, BLAS {blas_libraries()}, "
            f"{os.cpu_count()} cores")


def main():
    as_json = "--json" in sys.argv
    torch.manual_seed(0)
    if as_json:
        print(json.dumps({"description": description()}), flush=True)
    rows = []
    set_threads = thread_setter()
    for m, n, k in SHAPES:
        flops = 2.0 * m * n * k
        a = torch.rand(m, k)
        b = torch.rand(k, n)
        out = torch.empty(m, n)
        result = {"m": m, "n": n, "k": k}
        for threads in (1, 2):
            set_threads(threads)
            seconds = median_seconds(lambda: torch.mm(a, b, out=out), **TIMING)
            result[f"torch_{threads}t"] = flops / seconds / 1e9
        # numpy with its BLAS's default thread count (every core), as users run it.
        set_threads(len(os.sched_getaffinity(0)))
        an, bn = a.numpy(), b.numpy()
        outn = np.empty((m, n), dtype=np.float32)
        seconds = median_seconds(lambda: np.matmul(an, bn, out=outn), **TIMING)
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
