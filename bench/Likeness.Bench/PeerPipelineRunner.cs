using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Likeness.Bench;

/// <summary>Runs the JavaScript peers' whole-pipeline benchmark, /work/shared/peers/bench.mjs, for Human or face-api, as a child process.</summary>
/// <remarks>
/// The peers live outside this repository (`../shared/peers` from its root) with their own pinned
/// packages, so the harness runs their script as it is rather than a copy: the figures are the ones
/// its README quotes, measured again on the same photos right beside Likeness. bench.mjs itself starts
/// a fresh Node per configuration (two at once for procs2); the CPU those use is read by the caller
/// from this process's reaped-children counters (<see cref="MachineInfo.ChildrenCpu"/>).
/// </remarks>
public sealed class PeerPipelineRunner
{
    public const string ScriptName = "bench.mjs";

    /// <summary>bench.mjs's --lib names, in the order they are run and shown.</summary>
    public static IReadOnlyList<string> Libraries { get; } = ["human", "faceapi"];

    private readonly string _directory;

    private PeerPipelineRunner(string directory) => _directory = directory;

    /// <summary>The folder of bench.mjs, as found.</summary>
    public string Folder => _directory;

    /// <summary>What bench.mjs reported about its packages and machine in its last run, by library.</summary>
    public SortedDictionary<string, JsonElement> Versions { get; } = [];

    /// <summary>
    /// Finds bench.mjs and its packages: <paramref name="directory"/>, else shared/peers in the nearest
    /// folder above the current one that has it (../shared/peers from the repository root). Null and a
    /// one-line reason when the peers cannot run.
    /// </summary>
    public static PeerPipelineRunner? Locate(string? directory, out string? reason)
    {
        directory ??= PeerRunner.FindUpwards(Path.Combine("shared", "peers", ScriptName));
        if (directory is null || !File.Exists(Path.Combine(directory, ScriptName)))
        {
            reason = $"pipeline peers: {ScriptName} not found (../shared/peers from the repository root; or pass --peers-dir DIR); Human and face-api columns left empty.";
            return null;
        }
        var missing = new[] { "@vladmandic/human", "@vladmandic/face-api", "@tensorflow/tfjs-backend-wasm" }
            .Where(p => !Directory.Exists(Path.Combine(directory, "node_modules", p))).ToList();
        if (missing.Count > 0)
        {
            reason = $"pipeline peers: {string.Join(", ", missing)} not installed in {Path.GetFullPath(directory)}; run `npm ci --prefix {Path.GetFullPath(directory)}`; Human and face-api columns left empty.";
            return null;
        }
        if (!PeerRunner.NodeRuns())
        {
            reason = "pipeline peers: `node` is not on PATH; install Node.js 20 or later; Human and face-api columns left empty.";
            return null;
        }
        reason = null;
        return new PeerPipelineRunner(Path.GetFullPath(directory));
    }

    /// <summary>Runs one configuration of one library over <paramref name="images"/>; null and a one-line reason on failure.</summary>
    public PeerPipelineResult? Run(string library, string config, IReadOnlyList<string> images, BenchOptions options, out string? reason)
    {
        var summaryPath = Path.Combine(Path.GetTempPath(), $"likeness-bench-{Environment.ProcessId}-{library}-{config}.json");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _directory,
            // Its stdout is a text table repeating what its stderr already showed; the summary file is what counts.
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            ScriptName,
            "--lib", library,
            "--configs", config,
            "--passes", options.Passes.ToString(CultureInfo.InvariantCulture),
            "--warmup", options.PipelineWarmup.ToString(CultureInfo.InvariantCulture),
            "--out", summaryPath,
            .. images,
        ];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        try
        {
            using (var process = Process.Start(start)!)
            {
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    reason = $"pipeline peers: node {ScriptName} --lib {library} --configs {config} exited with code {process.ExitCode} (its error is above); cell left empty.";
                    return null;
                }
            }
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var root = summary.RootElement;
            Versions[library] = JsonSerializer.SerializeToElement(new { versions = root.GetProperty("versions"), machine = root.GetProperty("machine") });
            var entry = root.GetProperty("results").GetProperty(config);
            if (entry.TryGetProperty("error", out var error))
            {
                reason = $"pipeline peers: {library} {config} failed: {error}; cell left empty.";
                return null;
            }
            reason = null;
            return PeerPipelineResult.Parse(library, config, entry);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            reason = $"pipeline peers: {ScriptName} --lib {library} --configs {config} wrote no summary this harness can read ({e.Message}); cell left empty.";
            return null;
        }
        finally
        {
            File.Delete(summaryPath);
        }
    }
}
