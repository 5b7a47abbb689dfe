"""What the peer benchmarks share: timing a call, and holding PyTorch and OpenBLAS to a thread count.

Imported by gemm.py and recurrent.py (run with Debian's /usr/bin/python3 from any directory).
"""
import ctypes
import os
import time

import torch


def median_seconds(fn, target_seconds, samples, warmup_calls, warmup_seconds, fastest=False):
    """Median time of one call: warm up (at least warmup_calls calls and warmup_seconds), size each of the samples to
    ~target_seconds/samples, take the median (or with fastest, the fastest sample: on a machine busy with other work)."""
    start = time.perf_counter()
    calls = 0
    while calls < warmup_calls or time.perf_counter() - start < warmup_seconds:
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
    return times[0] if fastest else times[len(times) // 2]


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


def thread_setter():
    """A function that sets PyTorch's and OpenBLAS's thread counts together. Debian's torch does not pass
    torch.set_num_threads on to OpenBLAS, whose own pool uses every core; every loaded OpenBLAS copy
    (libblas.so.3 and libopenblas are separate copies with separate pools) is set directly, so "1T" really
    means one thread."""
    setters = []
    for path in blas_libraries().split(", "):
        try:
            setter = ctypes.CDLL(path).openblas_set_num_threads
        except (OSError, AttributeError):
            continue
        setter.argtypes = [ctypes.c_int]
        setters.append(setter)

    def set_threads(count):
        torch.set_num_threads(count)
        for setter in setters:
            setter(count)

    return set_threads
