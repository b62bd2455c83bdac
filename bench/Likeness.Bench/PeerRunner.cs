using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Likeness.Bench;

/// <summary>Runs bench/peer/tfjs-models.mjs under Node as a child process and reads the JSON it prints.</summary>
/// <remarks>
/// A child process rather than a separate step of a script, so the peer runs in the same run, on the
/// same machine, with the same repetitions and inputs, right after the Likeness pass it is compared with.
/// Its progress lines go straight to this process's stderr. A fresh Node for every model or photo: tfjs
/// picks its wasm build (single- or multi-threaded) once per process, and a short-lived process keeps
/// each peer measurement right beside the Likeness one it is compared with.
/// </remarks>
public sealed class PeerRunner
{
    public const string ScriptName = "tfjs-models.mjs";

    private readonly string _directory;
    private readonly string _cacheRoot;

    private PeerRunner(string directory, string cacheRoot)
    {
        _directory = directory;
        _cacheRoot = cacheRoot;
    }

    /// <summary>The install command printed when the peer's packages are missing.</summary>
    public static string InstallCommand(string directory)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, directory);
        return $"npm ci --ignore-scripts --prefix {(relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(directory) : relative)}";
    }

    /// <summary>Finds the peer script and its node_modules; returns null and a one-line reason when it cannot run.</summary>
    public static PeerRunner? Locate(string? directory, string cacheRoot, out string? reason)
    {
        directory ??= FindUpwards(Path.Combine("bench", "peer", ScriptName));
        if (directory is null || !File.Exists(Path.Combine(directory, ScriptName)))
        {
            reason = $"peer: {ScriptName} not found (run from the repository root, or pass --peer-dir bench/peer); peer columns left empty.";
            return null;
        }
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@tensorflow", "tfjs-backend-wasm")))
        {
            reason = $"peer: its npm packages are not installed; run `{InstallCommand(directory)}` (or `bash bench/run.sh`, which does); peer columns left empty.";
            return null;
        }
        if (!NodeRuns())
        {
            reason = "peer: `node` is not on PATH; install Node.js 20 or later to measure the peer; peer columns left empty.";
            return null;
        }
        reason = null;
        return new PeerRunner(Path.GetFullPath(directory), cacheRoot);
    }

    /// <summary>Times <paramref name="models"/> (name and input shape) and decodes <paramref name="images"/>; null and a reason on failure.</summary>
    public PeerReport? Run(int threads, BenchOptions options, IReadOnlyList<ModelRow> models, IReadOnlyList<string> images, out string? reason)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptName);
        string[] arguments =
        [
            "--cache", _cacheRoot,
            "--threads", threads.ToString(CultureInfo.InvariantCulture),
            "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture),
            "--reps", options.Reps.ToString(CultureInfo.InvariantCulture),
            "--models", string.Join(',', models.Select(m => $"{m.Name}={string.Join('x', m.InputShape!)}")),
            "--images", string.Join(',', images),
        ];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                reason = $"peer: node {ScriptName} --threads {threads} exited with code {process.ExitCode} (its error is above); peer cell left empty.";
                return null;
            }
            reason = null;
            return JsonSerializer.Deserialize<PeerReport>(output) ?? throw new JsonException("empty output");
        }
        catch (JsonException e)
        {
            reason = $"peer: {ScriptName} printed something that is not its JSON report ({e.Message}); peer cell left empty.";
            return null;
        }
    }

    /// <summary>Whether `node --version` runs.</summary>
    internal static bool NodeRuns()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            node.StandardOutput.ReadToEnd();
            node.WaitForExit();
            return node.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The folder of <paramref name="relativeFile"/> taken from the current directory or, failing that, from the nearest folder above it that has the file; null when none does.</summary>
    internal static string? FindUpwards(string relativeFile)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, relativeFile))) return Path.GetDirectoryName(Path.Combine(dir.FullName, relativeFile));
        }
        return null;
    }
}
