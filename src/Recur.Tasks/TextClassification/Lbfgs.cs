using System.Numerics.Tensors;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4–7.5) for smooth, strictly convex objectives in double
/// precision: the two-loop recursion over the last <c>memory</c> steps gives the direction, a backtracking line search
/// with the Armijo condition the step. Strict convexity (an L2 penalty) makes every curvature pair sᵀy positive, so no
/// Wolfe curvature test is needed. Deterministic: no randomness, one thread.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Returns f(x) and writes ∇f(x) into <c>gradient</c>.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>How a minimisation ended.</summary>
    public readonly record struct Outcome(int Iterations, bool Converged, double GradientMaxNorm, double Value);

    private const double ArmijoSlope = 1e-4;
    private const double SmallestStep = 1e-12;

    /// <summary>
    /// Minimises <paramref name="objective"/> from <paramref name="x"/> (overwritten with the result) until the largest
    /// gradient component is at most <paramref name="gradientTolerance"/> (scipy's <c>gtol</c> for an unbounded problem)
    /// or <paramref name="maxIterations"/> steps were taken.
    /// </summary>
    public static Outcome Minimize(Objective objective, double[] x, double gradientTolerance, int maxIterations, int memory = 10)
    {
        int n = x.Length;
        var position = (double[])x.Clone();
        var gradient = new double[n];
        var trial = new double[n];
        var trialGradient = new double[n];
        var direction = new double[n];
        var steps = new double[memory][];
        var changes = new double[memory][];
        var inverseCurvatures = new double[memory];
        double[] spareStep = new double[n], spareChange = new double[n];
        var weights = new double[memory];
        int stored = 0, newest = -1;

        double value = objective(position, gradient);
        int iteration = 0;
        bool converged;
        while (true)
        {
            double largest = MaxAbs(gradient);
            if (largest <= gradientTolerance) { converged = true; break; }
            if (iteration == maxIterations) { converged = false; break; }

            // Two-loop recursion: direction = −H·g, H the L-BFGS inverse Hessian built from (s, y) pairs on the scaled
            // identity γI, γ = sᵀy / yᵀy of the newest pair; before any pair, γ = 1/‖g‖ (a first step of unit length).
            gradient.AsSpan().CopyTo(direction);
            for (int k = 0; k < stored; k++)
            {
                int i = Slot(newest - k, memory);
                weights[i] = inverseCurvatures[i] * Dot(steps[i], direction);
                Axpy(-weights[i], changes[i], direction);
            }
            double gamma = stored > 0
                ? Dot(steps[newest], changes[newest]) / Dot(changes[newest], changes[newest])
                : 1 / Math.Sqrt(Dot(gradient, gradient));
            Scale(gamma, direction);
            for (int k = stored - 1; k >= 0; k--)
            {
                int i = Slot(newest - k, memory);
                double beta = inverseCurvatures[i] * Dot(changes[i], direction);
                Axpy(weights[i] - beta, steps[i], direction);
            }
            Scale(-1, direction);

            double slope = Dot(gradient, direction);
            if (!(slope < 0)) { converged = false; break; } // not a descent direction: rounding has taken over

            // Backtracking: halve (or interpolate) the step until f decreases by at least ArmijoSlope of the linear model.
            double step = 1, trialValue;
            while (true)
            {
                TensorPrimitives.MultiplyAdd(direction, step, position, trial); // trial = position + step · direction
                trialValue = objective(trial, trialGradient);
                if (trialValue <= value + ArmijoSlope * step * slope) break;
                // Minimum of the quadratic through f(0), f'(0) and f(step), kept within [step/10, step/2].
                double interpolated = -slope * step * step / (2 * (trialValue - value - slope * step));
                step = double.IsFinite(interpolated) ? Math.Clamp(interpolated, step / 10, step / 2) : step / 2;
                if (step < SmallestStep) break;
            }
            // No line search can make progress once the step falls below the resolution of f: stop, not converged.
            if (step < SmallestStep || !(trialValue < value)) { converged = false; break; }

            // Keep the pair (s, y) = (Δx, Δg) only if sᵀy > 0: another would break positive definiteness.
            // Computed into spare buffers, which then trade places with the slot's evicted pair.
            TensorPrimitives.Subtract(trial, position, spareStep);
            TensorPrimitives.Subtract(trialGradient, gradient, spareChange);
            double curvature = Dot(spareStep, spareChange);
            if (curvature > 0)
            {
                newest = Slot(newest + 1, memory);
                (steps[newest], spareStep) = (spareStep, steps[newest] ?? new double[n]);
                (changes[newest], spareChange) = (spareChange, changes[newest] ?? new double[n]);
                inverseCurvatures[newest] = 1 / curvature;
                stored = Math.Min(stored + 1, memory);
            }

            (position, trial) = (trial, position);
            (gradient, trialGradient) = (trialGradient, gradient);
            value = trialValue;
            iteration++;
        }
        position.AsSpan().CopyTo(x);
        return new Outcome(iteration, converged, MaxAbs(gradient), value);
    }

    private static int Slot(int i, int memory) => ((i % memory) + memory) % memory;

    private static double Dot(double[] a, double[] b) => TensorPrimitives.Dot<double>(a, b);

    private static void Axpy(double alpha, double[] x, double[] y) => TensorPrimitives.MultiplyAdd(x, alpha, y, y);

    private static void Scale(double alpha, double[] x) => TensorPrimitives.Multiply(x, alpha, x);

    private static double MaxAbs(double[] x) => Math.Abs(TensorPrimitives.MaxMagnitude<double>(x));
}
