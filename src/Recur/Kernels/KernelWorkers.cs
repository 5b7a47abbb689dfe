using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Recur.Kernels;

/// <summary>
/// A small set of long-lived worker threads that help run the parts of one kernel call.
/// </summary>
/// <remarks>
/// <para>
/// Why not <c>Parallel.For</c>: it allocates a closure, loop state and task objects per call, and a
/// recurrent network makes thousands of GEMM calls per second. Here a call hands the workers a function
/// pointer and a pointer to a state struct on the caller's stack, so a parallel call allocates nothing.
/// </para>
/// <para>
/// Parts are claimed, not assigned: the caller starts on them at once and takes every part no worker has
/// claimed yet. On these VMs waking a sleeping thread costs ~100 µs, so a late worker must never hold the
/// caller up: the worst case is the caller doing all the work, about the single-threaded time. After a job
/// a worker spins briefly (<see cref="SpinMicroseconds"/>) before sleeping, so back-to-back calls find it awake
/// and need no wake-up call at all.
/// </para>
/// <para>
/// One job runs at a time. A caller that finds the workers busy (another thread is in a parallel kernel)
/// simply runs all parts itself; parts only split the output, so the result is the same either way.
/// </para>
/// </remarks>
internal static unsafe class KernelWorkers
{
    /// <summary>How long an idle worker keeps polling for the next job before it blocks.</summary>
    internal const int SpinMicroseconds = 200;

    /// <summary>How long a caller waiting for the workers' parts to finish polls with pause instructions before it yields.</summary>
    internal const int CompletionSpinMicroseconds = 100;

    private static readonly object s_growLock = new();
    private static Worker[] s_workers = [];
    private static int s_busy;

    // The current job. Published by writing s_claim (generation << 32 | next part to claim) after the
    // fields below; a part is claimed by a compare-exchange on s_claim that also checks the generation,
    // so a worker can never run a part of a job other than the one whose fields it read.
    private static long s_claim;
    private static delegate*<int, void*, void> s_body;
    private static void* s_state;
    private static int s_parts;
    private static int s_finished;
    private static Exception? s_error;

    /// <summary>Minimum time between wake-up calls made for jobs that are not <c>large</c>.</summary>
    internal const int WarmUpIntervalMilliseconds = 5;

    private static long s_lastWake;

    /// <summary>
    /// Runs <paramref name="body"/>(part, state) for every part in [0, parts) on up to <paramref name="threads"/>
    /// threads (the caller included) and returns when all are done.
    /// </summary>
    /// <remarks>
    /// <paramref name="large"/> says whether the job is long enough to be worth waking a worker that has
    /// gone to sleep. Waking one costs
    /// the caller ~35 µs on these VMs (a cross-CPU interrupt to a halted virtual CPU), more than a medium job
    /// gains from a second core. Medium jobs use the workers that are still spinning from a recent call, and
    /// wake sleeping ones at most once per <see cref="WarmUpIntervalMilliseconds"/>, so that a run of
    /// medium jobs after an idle spell gets its helpers back at a bounded cost.
    /// </remarks>
    public static void Run(int parts, int threads, bool large, delegate*<int, void*, void> body, void* state)
    {
        if (parts <= 1 || threads <= 1 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            for (int part = 0; part < parts; part++)
                body(part, state);
            return;
        }

        try
        {
            Worker[] workers = EnsureWorkers(threads - 1);
            s_body = body;
            s_state = state;
            s_parts = parts;
            s_error = null;
            Volatile.Write(ref s_finished, 0);
            long generation = (Volatile.Read(ref s_claim) >> 32) + 1;
            Interlocked.Exchange(ref s_claim, generation << 32);
            long now = Stopwatch.GetTimestamp();
            if (large || now - s_lastWake >= Stopwatch.Frequency * WarmUpIntervalMilliseconds / 1000)
            {
                bool woke = false;
                for (int w = 0; w < threads - 1; w++)
                    woke |= workers[w].Wake();
                if (woke)
                    s_lastWake = now;
            }

            ClaimAndRun(generation);

            // Parts claimed by workers are running now; they finish within the time of one part. Wait for them with
            // pause instructions first: SpinWait.SpinOnce soon yields the processor at every turn, and on these VMs a
            // sched_yield is a system call of several µs that delays seeing the end of the job (measured at ~1.5 ms of
            // the IMDB step's 2-thread CPU time). Only a wait longer than a normal part's end (a worker descheduled by
            // another process) falls back to yielding.
            if (Volatile.Read(ref s_finished) != parts)
            {
                long waitStart = Stopwatch.GetTimestamp();
                long spinTicks = Stopwatch.Frequency * CompletionSpinMicroseconds / 1_000_000;
                SpinWait spin = default;
                while (Volatile.Read(ref s_finished) != parts)
                {
                    if (Stopwatch.GetTimestamp() - waitStart < spinTicks)
                        Thread.SpinWait(20);
                    else
                        spin.SpinOnce(sleep1Threshold: -1);
                }
            }

            if (s_error is { } error)
                ExceptionDispatchInfo.Throw(error);
        }
        finally
        {
            s_body = null;
            s_state = null;
            Volatile.Write(ref s_busy, 0);
        }
    }

    /// <summary>
    /// Part <paramref name="part"/> of [0, <paramref name="total"/>) cut into <paramref name="parts"/> even shares of whole
    /// strips of <paramref name="unit"/> (the last strip may be short). With a unit of 16 floats, no two parts write one
    /// 64-byte line.
    /// </summary>
    internal static (int Start, int End) PartRange(int total, int unit, int part, int parts)
    {
        int strips = (total + unit - 1) / unit;
        int start = Math.Min(total, (int)((long)strips * part / parts) * unit);
        int end = Math.Min(total, (int)((long)strips * (part + 1) / parts) * unit);
        return (start, end);
    }

    // Claims and runs parts of the job of this generation until none is left. Returns whether it ran any.
    private static bool ClaimAndRun(long generation)
    {
        bool ranAny = false;
        while (true)
        {
            long claim = Volatile.Read(ref s_claim);
            if (claim >> 32 != generation)
                return ranAny;
            int part = (int)claim;
            delegate*<int, void*, void> body = s_body;
            void* state = s_state;
            if (part >= s_parts || Interlocked.CompareExchange(ref s_claim, claim + 1, claim) != claim)
            {
                if (part >= s_parts)
                    return ranAny;
                continue;
            }
            // Claimed: the job cannot finish (nor its fields change) before we report this part done.
            try
            {
                body(part, state);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref s_error, e, null);
            }
            ranAny = true;
            Interlocked.Increment(ref s_finished);
        }
    }

    private static Worker[] EnsureWorkers(int count)
    {
        Worker[] workers = s_workers;
        if (workers.Length >= count)
            return workers;
        lock (s_growLock)
        {
            workers = s_workers;
            if (workers.Length < count)
            {
                var grown = new Worker[count];
                Array.Copy(workers, grown, workers.Length);
                for (int i = workers.Length; i < count; i++)
                    grown[i] = new Worker(i + 1);
                s_workers = workers = grown;
            }
        }
        return workers;
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _wake = new(0);
        private int _sleeping;

        public Worker(int id)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Recur kernel worker {id}" };
            thread.Start();
        }

        /// <summary>Called after a job is published: releases the worker if it is blocked and says whether it
        /// was. (A worker still spinning needs no call: it sees the new job by itself.)</summary>
        public bool Wake()
        {
            if (Interlocked.CompareExchange(ref _sleeping, 0, 1) != 1)
                return false;
            _wake.Release();
            return true;
        }

        private void Loop()
        {
            long seen = Volatile.Read(ref s_claim) >> 32;
            while (true)
            {
                long generation = WaitForJob(seen);
                seen = generation;
                ClaimAndRun(generation);
            }
        }

        // Spins for a while, then blocks, until a job newer than `seen` is published; returns its generation.
        // The sleeping flag and the claim word are each written with a full fence before the other is read
        // (here and in Run/Wake), so either the worker sees the new job or the caller sees it sleeping.
        private long WaitForJob(long seen)
        {
            long spinStart = Stopwatch.GetTimestamp();
            long spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
            while (true)
            {
                long generation = Volatile.Read(ref s_claim) >> 32;
                if (generation != seen)
                    return generation;
                if (Stopwatch.GetTimestamp() - spinStart < spinTicks)
                {
                    Thread.SpinWait(20);
                    continue;
                }

                Interlocked.Exchange(ref _sleeping, 1);
                if (Volatile.Read(ref s_claim) >> 32 != seen)
                {
                    // A job arrived as we were going to sleep: cancel the sleep, or if the caller already
                    // did and released us, consume that release.
                    if (Interlocked.CompareExchange(ref _sleeping, 0, 1) != 1)
                        _wake.Wait();
                }
                else
                {
                    _wake.Wait();
                }
                spinStart = Stopwatch.GetTimestamp();
            }
        }
    }
}
