using System.Diagnostics;

namespace Likeness.Bench;

/// <summary>Measures how much of the machine's CPU other processes used while one pass ran.</summary>
/// <remarks>
/// /proc/stat gives the busy share of all cores over the pass; subtracting the CPU time the pass itself
/// used (this process, plus the peer's Node process as it reports it) leaves everybody else's share.
/// On a 2-core machine shared with builds and test runs this tells a clean pass from a disturbed one
/// far better than the load average, which counts the benchmark itself.
/// </remarks>
public sealed class CpuWindow
{
    private readonly long _idleJiffies;
    private readonly long _totalJiffies;
    private readonly TimeSpan _ownCpu;
    private readonly long _started;

    private CpuWindow()
    {
        (_idleJiffies, _totalJiffies) = MachineInfo.CpuJiffies();
        _ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts a window now; null where /proc/stat is missing (not Linux).</summary>
    public static CpuWindow? Start() => File.Exists("/proc/stat") ? new CpuWindow() : null;

    /// <summary>
    /// Other processes' share of the machine's CPU capacity since <see cref="Start"/>, 0 to 1
    /// (0.5 on 2 cores: one core busy all the time). <paramref name="childCpu"/> is CPU time used by a
    /// child process of this pass, which this process's own counter does not include.
    /// </summary>
    public double OthersShare(TimeSpan childCpu = default)
    {
        var (idle, total) = MachineInfo.CpuJiffies();
        var wall = Stopwatch.GetElapsedTime(_started);
        if (total == _totalJiffies || wall <= TimeSpan.Zero) return 0;
        var busyShare = 1 - (double)(idle - _idleJiffies) / (total - _totalJiffies);
        var own = Process.GetCurrentProcess().TotalProcessorTime - _ownCpu + childCpu;
        var ownShare = own / (wall * Environment.ProcessorCount);
        return Math.Clamp(busyShare - ownShare, 0, 1);
    }
}
