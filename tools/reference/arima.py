"""ARMA / ARIMA reference figures (issue 14): statsmodels' Hannan–Rissanen estimates, the conditional-sum-of-squares fit
the forecaster's baseline uses (minimised by scipy's MINPACK Levenberg–Marquardt from the Hannan–Rissanen start), AIC
order selection over p, q <= 3, and one-step forecasts.

Cases (each a series x, the ARMA part's input, i.e. already differenced d times):
  arma21  ARMA(2,1) with mean 10, n = 600;  arma12  ARMA(1,2) without mean, n = 400;  ar2  AR(2), n = 300;
  goog    the first 514 closes of the bundled GOOG file (oldest first; the default run's training span), differenced once.
Names:
  <case>.x                      the series
  <case>.hr.<p>.<q>.{ar,ma,sigma2}
                                statsmodels.tsa.arima.estimators.hannan_rissanen(x, p, q, demean=True, unbiased=False)
                                (the two least-squares steps; sigma2 is the second regression's SSR / (n - k))
  goog.arima111.{ar,ma,sigma2}  statsmodels ARIMA(closes, order=(1,1,1), trend='n').fit(method='hannan_rissanen',
                                method_kwargs={'unbiased': False}): differencing inside statsmodels, no mean
  <case>.css.<p>.<q>.{params,ssr,aic}
                                CSS with the mean: params [mu, phi_1..p, theta_1..q] minimising sum over t >= t0 = 3 of
                                e_t^2, e_t = (x_t - mu) - sum phi_i (x_{t-i} - mu) - sum theta_j e_{t-j}, e_{t<t0} = 0;
                                aic = n_eff (ln(2 pi ssr / n_eff) + 1) + 2 (p + q + 2)
  arma21.aic.grid               the AIC of every (p, q), p-major over 0..3 x 0..3 (t0 = 3 for all)
  arma21.aic.best               [p, q] of the smallest AIC
  arma21.css.2.1.forecast       one-step forecasts with the CSS ARMA(2,1) coefficients after x[:n - k], k = 5 .. 1
Run: /usr/bin/python3 tools/reference/arima.py
"""
import numpy as np
import scipy
import statsmodels
from scipy.optimize import least_squares
from statsmodels.tsa.arima.estimators.hannan_rissanen import hannan_rissanen
from statsmodels.tsa.arima.model import ARIMA

from double_fixture import DoubleFixture, goog_close

T0 = 3
fx = DoubleFixture("arima.json", "tools/reference/arima.py",
                   {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__})


def simulate(rng, n, phi, theta, mean, burn=200):
    e = rng.standard_normal(n + burn)
    x = np.zeros(n + burn)
    for t in range(n + burn):
        ar = sum(phi[i] * x[t - 1 - i] for i in range(len(phi)) if t - 1 - i >= 0)
        ma = sum(theta[j] * e[t - 1 - j] for j in range(len(theta)) if t - 1 - j >= 0)
        x[t] = ar + e[t] + ma
    return x[burn:] + mean


def residuals(params, x, p, q, t0):
    mu, phi, theta = params[0], params[1:1 + p], params[1 + p:]
    e = np.zeros(len(x))
    for t in range(t0, len(x)):
        v = x[t] - mu
        for i in range(p):
            v -= phi[i] * (x[t - 1 - i] - mu)
        for j in range(q):
            if t - 1 - j >= t0:
                v -= theta[j] * e[t - 1 - j]
        e[t] = v
    return e[t0:]


def css(x, p, q):
    hr, _ = hannan_rissanen(x, ar_order=p, ma_order=q, demean=True, unbiased=False)
    start = np.r_[x.mean(), np.atleast_1d(hr.ar_params) if p else [], np.atleast_1d(hr.ma_params) if q else []]
    fit = least_squares(residuals, start, args=(x, p, q, T0), method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000)
    ssr = float(np.sum(fit.fun ** 2))
    n_eff = len(x) - T0
    aic = n_eff * (np.log(2 * np.pi * ssr / n_eff) + 1) + 2 * (p + q + 2)
    return fit.x, ssr, aic


def one_step(params, x, p, q):
    mu, phi, theta = params[0], params[1:1 + p], params[1 + p:]
    e = np.r_[np.zeros(T0), residuals(params, x, p, q, T0)]
    n = len(x)
    f = mu + sum(phi[i] * (x[n - 1 - i] - mu) for i in range(p)) + sum(theta[j] * e[n - 1 - j] for j in range(q))
    return f


def add_hr(name, x, p, q):
    hr, _ = hannan_rissanen(x, ar_order=p, ma_order=q, demean=True, unbiased=False)
    fx.add(f"{name}.hr.{p}.{q}.ar", np.atleast_1d(hr.ar_params) if p else [])
    fx.add(f"{name}.hr.{p}.{q}.ma", np.atleast_1d(hr.ma_params) if q else [])
    fx.add(f"{name}.hr.{p}.{q}.sigma2", hr.sigma2)


def add_css(name, x, p, q):
    params, ssr, aic = css(x, p, q)
    fx.add(f"{name}.css.{p}.{q}.params", params)
    fx.add(f"{name}.css.{p}.{q}.ssr", ssr)
    fx.add(f"{name}.css.{p}.{q}.aic", aic)
    return params


rng = np.random.default_rng(2024)
cases = {
    "arma21": (simulate(rng, 600, [0.5, -0.3], [0.4], 10.0), [(2, 1), (1, 1), (0, 0)]),
    "arma12": (simulate(rng, 400, [0.6], [-0.3, 0.25], 0.0), [(1, 2), (0, 2)]),
    "ar2": (simulate(rng, 300, [0.4, 0.2], [], 0.0), [(2, 0), (1, 0)]),
}
closes = np.array(goog_close()[:514])
cases["goog"] = (np.diff(closes), [(1, 1), (2, 0), (0, 1)])

for name, (x, orders) in cases.items():
    fx.add(f"{name}.x", x)
    for p, q in orders:
        add_hr(name, x, p, q)
        add_css(name, x, p, q)

# statsmodels' ARIMA class differences the closes itself (no mean with d = 1).
res = ARIMA(closes, order=(1, 1, 1), trend="n").fit(method="hannan_rissanen", method_kwargs={"unbiased": False})
fx.add("goog.arima111.ar", [res.params[0]])
fx.add("goog.arima111.ma", [res.params[1]])
fx.add("goog.arima111.sigma2", [res.params[2]])

x = cases["arma21"][0]
grid = []
for p in range(4):
    for q in range(4):
        grid.append(css(x, p, q)[2])
fx.add("arma21.aic.grid", grid)
best = int(np.argmin(grid))
fx.add("arma21.aic.best", [best // 4, best % 4])

params = css(x, 2, 1)[0]
fx.add("arma21.css.2.1.forecast", [one_step(params, x[:len(x) - k], 2, 1) for k in range(5, 0, -1)])

fx.write()
