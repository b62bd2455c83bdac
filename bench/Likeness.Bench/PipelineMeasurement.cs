namespace Likeness.Bench;

/// <summary>One pipeline workload timed by <see cref="ThroughputHarness"/>: per-item latency and the rate over the whole timed span.</summary>
/// <param name="Time">Latency of one item (an image, or a face for embedding only), over every timed item of every caller.</param>
/// <param name="ItemsPerSecond">Timed items of all callers divided by the span from the first caller's start to the last caller's end.</param>
/// <param name="Items">Timed items of all callers together.</param>
/// <param name="Callers">Threads calling the workload at once.</param>
/// <param name="AllocatedBytesPerItem">Managed bytes allocated per item on the calling threads; native memory is not counted.</param>
public sealed record PipelineMeasurement(SampleStatistics Time, double ItemsPerSecond, int Items, int Callers, long AllocatedBytesPerItem);
