using System.Globalization;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Onnx;

namespace Likeness.Bench;

/// <summary>One run of the harness: every measurement in order, then the results files.</summary>
/// <remarks>
/// <para>Likeness and the peer are measured in pairs: one model (or photo) on Likeness, then the same
/// model on the peer in a fresh Node process, seconds apart. A busy spell on a shared machine then
/// touches one pair, not a whole column.</para>
/// <para>Each pair records how much CPU other processes took while it ran (<see cref="CpuWindow"/>).
/// Above <see cref="BenchOptions.MaxOthersCpuShare"/>, the harness waits for the machine to go quiet
/// and measures the pair again, up to <see cref="BenchOptions.Attempts"/> times; the last attempt is
/// kept either way and its share is printed beside it, so a disturbed figure is never silent.</para>
/// </remarks>
public sealed class BenchRun(BenchOptions options)
{
    private readonly ProgressLine _progress = ProgressLine.StandardError;
    private readonly InstalledAssets _assets = InstalledAssets.Default(options.CacheDirectory);
    private readonly BenchReport _report = new(MachineInfo.Current(), options, DateTimeOffset.Now);
    private PeerRunner? _peer;
    private PeerPipelineRunner? _pipelinePeers;

    /// <summary>Runs every selected measurement, writes bench-&lt;time&gt;.json and .md, and returns the Markdown path.</summary>
    public string Execute()
    {
        _report.IdleBefore = MachineInfo.IdleFraction(TimeSpan.FromSeconds(1));
        Console.Error.WriteLine($"likeness-bench: {_report.Machine.LogicalCores} cores ({_report.Machine.CpuModel}), {_report.IdleBefore:P0} idle; " +
                                $"{options.Warmup} warm-up + {options.Reps} timed runs each");
        if (options.RunPeer)
        {
            _peer = PeerRunner.Locate(options.PeerDirectory, _assets.Cache.Root, out var reason);
            if (reason is not null) Note(reason);
        }
        if (options.RunModels) RunModels();
        if (options.RunDecoding) RunDecoding();
        if (options.RunPipeline) RunPipeline();

        _report.Finished = DateTimeOffset.Now;
        _report.IdleAfter = MachineInfo.IdleFraction(TimeSpan.FromSeconds(1));
        var (json, markdown) = _report.Write(options.OutputDirectory, $"bench-{_report.Started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        Console.Error.WriteLine($"likeness-bench: wrote {json} and {markdown}");
        return markdown;
    }

    private void RunModels()
    {
        _report.Models = ModelTargets.Resolve(_assets, options.Models);
        foreach (var row in _report.Models.Where(r => r.Note is not null)) Note($"{row.Name}: {row.Status}: {row.Note}");
        foreach (var threads in options.Threads)
        {
            using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [_assets.OnnxRuntimeLibrary()], IntraOpThreads = threads });
            _report.OnnxRuntime = $"{runtime.Version} ({runtime.LibraryPath})";
            var measurable = _report.Models.Where(r => r.Measurable).ToList();
            foreach (var (row, index) in measurable.Select((r, i) => (r, i + 1)))
            {
                var count = $"{index}/{measurable.Count}";
                var (others, attempts) = MeasurePair(
                    row.Name,
                    () => ModelBenchmark.Measure(runtime, threads, row, $"[ort {threads}t {count}] {row.Name}", options, _progress),
                    () => PeerModel(row, threads));
                row.OthersCpuShare[threads] = others;
                row.Attempts[threads] = attempts;
            }
        }
    }

    private TimeSpan? PeerModel(ModelRow row, int threads)
    {
        if (_peer is null) return null;
        if (ModelCatalog.Get(row.Name).Cut is not null)
        {
            // TF.js has no such model: it is part of a published graph, opened by our converter.
            Note($"{row.Name}: converted from part of {ModelCatalog.Get(row.Name).SourcePath} with its input size opened; TF.js has no counterpart, peer cell left empty.");
            return null;
        }
        var result = _peer.Run(threads, options, [row], images: [], out var reason);
        if (result is null)
        {
            Note($"{row.Name}: {reason}");
            return null;
        }
        _report.Peer[$"models {threads}t"] = result.Peer;
        var timing = result.Models.Single();
        row.Peer[threads] = timing;
        if (timing.LeakedTensors != 0) Note($"{row.Name}: the peer's forward left {timing.LeakedTensors} tensors behind; its timing still counts.");
        return TimeSpan.FromMilliseconds(result.CpuMs);
    }

    private void RunDecoding()
    {
        _report.Decoding = DecodingBenchmark.Rows(_assets);
        foreach (var (row, index) in _report.Decoding.Select((r, i) => (r, i + 1)))
        {
            var label = $"[decode {index}/{_report.Decoding.Count}] {row.Image}";
            (row.OthersCpuShare, row.Attempts) = MeasurePair(row.Image, () => DecodingBenchmark.Measure(row, label, options, _progress), () => PeerDecode(row));
        }
    }

    private TimeSpan? PeerDecode(DecodingRow row)
    {
        if (_peer is null) return null;
        var result = _peer.Run(1, options, models: [], [row.Path], out var reason);
        if (result is null)
        {
            Note($"{row.Image}: {reason}");
            return null;
        }
        _report.Peer["decoding"] = result.Peer;
        row.Peer = result.Decoding.Single();
        return TimeSpan.FromMilliseconds(result.CpuMs);
    }

    private void RunPipeline()
    {
        if (options.RunPeer)
        {
            _pipelinePeers = PeerPipelineRunner.Locate(options.PeersDirectory, out var reason);
            if (reason is not null) Note(reason);
            _report.PipelinePeersDirectory = _pipelinePeers?.Folder;
        }
        _report.PipelineImages = PipelineBenchmark.Images(_assets);
        _report.PipelineEmbedder = FaceEmbedderSpec.Default.ModelId;
        _report.Pipeline = PipelineBenchmark.Rows(options);
        foreach (var row in _report.Pipeline)
        {
            (row.OthersCpuShare, row.Attempts) = MeasurePair(
                row.Name,
                () =>
                {
                    var measured = PipelineBenchmark.Measure(_assets, row, _report.PipelineImages, options, _progress, out var runtime);
                    _report.OnnxRuntime ??= runtime;
                    if (!measured) Note($"pipeline {row.Name}: {row.Note}");
                    return measured;
                },
                () => PeerPipeline(row));
        }
        if (_pipelinePeers is not null) _report.PipelinePeers = _pipelinePeers.Versions;
    }

    /// <summary>Runs Human then face-api in <paramref name="row"/>'s configuration; returns the CPU time their processes used.</summary>
    private TimeSpan? PeerPipeline(PipelineRow row)
    {
        if (_pipelinePeers is null || row.PeerConfig is null) return null;
        var cpuBefore = MachineInfo.ChildrenCpu();
        var paths = _report.PipelineImages.Select(i => i.Path).ToList();
        foreach (var library in PeerPipelineRunner.Libraries)
        {
            _progress.Done($"[pipeline {row.Name}] {library} (bench.mjs --configs {row.PeerConfig}): {options.PipelineWarmup} warm-up runs + {options.Passes} passes over {paths.Count} photos");
            var result = _pipelinePeers.Run(library, row.PeerConfig, paths, options, out var reason);
            if (result is null)
            {
                row.Peers.Remove(library);
                Note(reason!);
                continue;
            }
            row.Peers[library] = result;
            foreach (var image in _report.PipelineImages)
            {
                if (result.FacesPerImage?.TryGetValue(image.Image, out var faces) == true) image.PeerFaces[library] = faces;
            }
        }
        return MachineInfo.ChildrenCpu() - cpuBefore;
    }

    /// <summary>
    /// Measures Likeness then the peer, repeating both while other processes took more than the allowed
    /// share of the CPU; returns the share seen in the last attempt and the number of attempts.
    /// </summary>
    /// <param name="likeness">Times the Likeness side; false when it failed (nothing to compare, no retry).</param>
    /// <param name="peer">Times the peer side and returns its process's CPU time; null when there is no peer result.</param>
    private (double Others, int Attempts) MeasurePair(string what, Func<bool> likeness, Func<TimeSpan?> peer)
    {
        for (var attempt = 1; ; attempt++)
        {
            var window = CpuWindow.Start();
            if (!likeness()) return (window?.OthersShare() ?? 0, attempt);
            var others = window?.OthersShare() ?? 0;

            window = CpuWindow.Start();
            var peerCpu = peer();
            if (peerCpu is not null) others = Math.Max(others, window?.OthersShare(peerCpu.Value) ?? 0);

            if (others <= options.MaxOthersCpuShare || attempt >= options.Attempts) return (others, attempt);
            Console.Error.WriteLine($"  {what}: other processes took {others:P0} of the CPU meanwhile; measuring again once the machine is quiet (attempt {attempt + 1}/{options.Attempts})");
            MachineInfo.WaitForQuiet(1 - options.MaxOthersCpuShare, TimeSpan.FromMinutes(1), _progress);
        }
    }

    /// <summary>A line for the terminal that is also kept in the results.</summary>
    private void Note(string line)
    {
        Console.Error.WriteLine(line);
        _report.Notes.Add(line);
    }
}
