using Recur.Kernels;

namespace Recur.Tests.Kernels;

/// <summary>Runs a computation with <see cref="KernelThreads.Max"/> = 1, then 2, for tests in <see cref="KernelThreadsCollection"/>.</summary>
internal static class OneAndTwoThreads
{
    /// <summary>The results of <paramref name="run"/> on one thread and on two; the setting is restored after.</summary>
    public static (T One, T Two) Run<T>(Func<T> run)
    {
        int saved = KernelThreads.Max;
        try
        {
            KernelThreads.Max = 1;
            var one = run();
            KernelThreads.Max = 2;
            return (one, run());
        }
        finally
        {
            KernelThreads.Max = saved;
        }
    }
}
