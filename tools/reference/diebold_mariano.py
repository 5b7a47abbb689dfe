"""Diebold–Mariano reference figures (issue 14), and Student's t tails from scipy.

The test as the forecaster runs it: d_t = eA_t^2 - eB_t^2; HAC variance V = g_0 + 2 sum_{k=1..L} (1 - k/(L+1)) g_k with
g_k = sum_{t>=k} (d_t - mean)(d_{t-k} - mean) / n and L = min(n - 1, max(h - 1, floor(4 (n/100)^(2/9))));
DM = mean / sqrt(V/n) * sqrt((n + 1 - 2h + h(h-1)/n) / n) (Harvey, Leybourne, Newbold 1997); p = 2 P(T_{n-1} > |DM|)
by scipy.stats.t. statsmodels has no Diebold–Mariano test, so the statistic is written out here with numpy.
Names:
  t.cases            [t, df] pairs, flattened;  t.two_sided   2 * scipy.stats.t.sf(|t|, df) for each
  dm.<case>.a, .b    the two error series;      dm.<case>.h   the horizon
  dm.<case>.result   [mean differential, statistic, p-value, lag]
Run: /usr/bin/python3 tools/reference/diebold_mariano.py
"""
import math

import numpy as np
import scipy
from scipy import stats

from double_fixture import DoubleFixture

fx = DoubleFixture("diebold_mariano.json", "tools/reference/diebold_mariano.py",
                   {"scipy": scipy.__version__, "numpy": np.__version__})

cases = [(0.5, 1), (2.0, 1), (1.3, 2), (0.0, 5), (2.1, 17), (-1.96, 100), (3.5, 217), (0.7, 999), (4.0, 3), (12.0, 9)]
fx.add("t.cases", [v for pair in cases for v in pair])
fx.add("t.two_sided", [2 * stats.t.sf(abs(t), df) for t, df in cases])


def dm(a, b, h):
    d = a ** 2 - b ** 2
    n = len(d)
    mean = d.mean()
    lag = min(n - 1, max(h - 1, int(math.floor(4 * (n / 100) ** (2 / 9)))))
    g = [np.sum((d[k:] - mean) * (d[:n - k] - mean)) / n for k in range(lag + 1)]
    v = g[0] + 2 * sum((1 - k / (lag + 1)) * g[k] for k in range(1, lag + 1))
    stat = mean / math.sqrt(v / n) * math.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n)
    return [mean, stat, 2 * stats.t.sf(abs(stat), n - 1), lag]


rng = np.random.default_rng(14)
for name, n, h, shift in [("small", 40, 1, 0.0), ("goog_sized", 218, 1, 0.15), ("long", 1000, 1, -0.05), ("three_step", 150, 3, 0.3)]:
    common = rng.standard_normal(n)
    # Autocorrelated errors (an MA(1) of shocks), partly shared, so the differentials are autocorrelated too.
    shocks_a, shocks_b = rng.standard_normal(n + 1), rng.standard_normal(n + 1)
    a = common + 0.8 * (shocks_a[1:] + 0.6 * shocks_a[:-1])
    b = common + (0.8 + shift) * (shocks_b[1:] + 0.6 * shocks_b[:-1])
    fx.add(f"dm.{name}.a", a)
    fx.add(f"dm.{name}.b", b)
    fx.add(f"dm.{name}.h", h)
    fx.add(f"dm.{name}.result", dm(a, b, h))

fx.write()
