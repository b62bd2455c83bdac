namespace Likeness.Bench;

/// <summary>One operation timed by <see cref="StopwatchHarness"/>: its latency and what it cost in memory.</summary>
/// <param name="AllocatedBytesPerOp">Managed bytes allocated per operation on the calling thread; native memory (ORT's arena, libjpeg) is not counted.</param>
/// <param name="MinorFaultsPerOp">
/// Minor page faults of the whole process per operation (from /proc/self/stat; null off Linux): first touches of memory
/// the process had not used, or had given back. On VMs where such a fault is expensive they explain a slow tail.
/// </param>
/// <param name="Gen0Collections">Garbage collections of each generation during the timed repetitions (all of them, not per op).</param>
public sealed record Measurement(
    SampleStatistics Time,
    long AllocatedBytesPerOp,
    double? MinorFaultsPerOp,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections);
