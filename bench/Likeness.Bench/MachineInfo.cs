using System.Runtime.InteropServices;

namespace Likeness.Bench;

/// <summary>What a figure was measured on: PERFORMANCE.md quotes these beside every table.</summary>
/// <param name="LogicalCores">What `nproc` reports: the cores this process may run on.</param>
/// <param name="CpuModel">The first "model name" line of /proc/cpuinfo.</param>
public sealed record MachineInfo(int LogicalCores, string CpuModel, string OperatingSystem, string Framework, long MemoryBytes)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        CpuModelName(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>The share of all cores' time spent idle over <paramref name="window"/> (from /proc/stat), or null off Linux.</summary>
    /// <remarks>Taken while the harness itself sleeps, before and after the run, so it shows other work on the machine.</remarks>
    public static double? IdleFraction(TimeSpan window)
    {
        if (!File.Exists("/proc/stat")) return null;
        var (idle0, total0) = CpuJiffies();
        Thread.Sleep(window);
        var (idle1, total1) = CpuJiffies();
        return total1 == total0 ? null : (double)(idle1 - idle0) / (total1 - total0);
    }

    /// <summary>Waits until a one-second sample shows at least <paramref name="minIdle"/> of the CPU idle, or <paramref name="timeout"/> passes.</summary>
    public static void WaitForQuiet(double minIdle, TimeSpan timeout, ProgressLine progress)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var idle = IdleFraction(TimeSpan.FromSeconds(1));
            if (idle is null || idle >= minIdle) return;
            progress.Tick($"  waiting for a quiet machine: {idle:P0} idle");
        }
    }

    /// <summary>This process's minor page faults so far (field 10 of /proc/self/stat), or null off Linux.</summary>
    public static long? MinorFaults()
    {
        if (!File.Exists("/proc/self/stat")) return null;
        // The command name (field 2) may hold spaces, so count fields from the ")" that closes it.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// CPU time (user + system) of this process's child processes that have ended and been reaped,
    /// with their own reaped descendants (cutime + cstime of /proc/self/stat); zero off Linux.
    /// </summary>
    /// <remarks>The peers' bench.mjs starts further Node processes and reports no CPU time of its own, so this is how its share is known.</remarks>
    public static TimeSpan ChildrenCpu()
    {
        if (!File.Exists("/proc/self/stat")) return TimeSpan.Zero;
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 16 and 17, in clock ticks: USER_HZ, which Linux fixes at 100 for user space.
        var ticks = long.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[14], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>Idle (idle + iowait) and total jiffies of the "cpu" line of /proc/stat (all cores).</summary>
    internal static (long Idle, long Total) CpuJiffies()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return (fields[3] + fields[4], fields.Take(8).Sum());
    }

    private static string CpuModelName()
    {
        if (!File.Exists("/proc/cpuinfo")) return RuntimeInformation.ProcessArchitecture.ToString();
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
