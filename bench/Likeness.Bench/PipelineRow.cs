using System.Text.Json.Serialization;

namespace Likeness.Bench;

/// <summary>One configuration of the pipeline section: how Likeness was run, what it measured, and the peers' figures in the matching configuration.</summary>
/// <param name="threads">ONNX Runtime intra-op threads of every session.</param>
/// <param name="callers">Threads calling the pipeline at once.</param>
/// <param name="peerConfig">The bench.mjs configuration that runs the peers the same way, or null when there is none.</param>
public sealed class PipelineRow(int threads, int callers, string? peerConfig)
{
    public int Threads { get; } = threads;

    public int Callers { get; } = callers;

    public string? PeerConfig { get; } = peerConfig;

    public string Name => Callers == 1
        ? $"ORT {Threads} thread{(Threads == 1 ? "" : "s")}"
        : $"{Callers} callers × ORT {Threads} thread{(Threads == 1 ? "" : "s")}";

    /// <summary>DetectFaces with DEFAULT attributes on a decoded photo (FaceAnalyzer.Analyze).</summary>
    public PipelineMeasurement? DetectFaces { get; set; }

    /// <summary>The same from the JPEG bytes: ImageDecoder.Decode, then Analyze.</summary>
    public PipelineMeasurement? DetectFacesWithDecode { get; set; }

    /// <summary>FaceLocator.Locate, then the default embedder on every face: the work the peers do per image.</summary>
    public PipelineMeasurement? DetectAndEmbed { get; set; }

    /// <summary>The default locator's detector alone (BlazeFace on the whole photo and at its finer scales), no landmarks.</summary>
    public PipelineMeasurement? DetectOnly { get; set; }

    /// <summary>The default embedder (crop + network) on faces already located; one item is one face.</summary>
    public PipelineMeasurement? EmbedOnly { get; set; }

    /// <summary>Faces located in one pass over the photos: the embeddings one detect + embed pass computes.</summary>
    public int FacesPerPass { get; set; }

    /// <summary>Photos in one pass.</summary>
    public int ImagesPerPass { get; set; }

    /// <summary>Faces embedded per second by the detect + embed workload.</summary>
    public double? DetectAndEmbedEmbeddingsPerSecond =>
        DetectAndEmbed is null || ImagesPerPass == 0 ? null : DetectAndEmbed.ItemsPerSecond * FacesPerPass / ImagesPerPass;

    /// <summary>The peers in <see cref="PeerConfig"/>, by bench.mjs library name.</summary>
    public SortedDictionary<string, PeerPipelineResult> Peers { get; } = [];

    /// <summary>Other processes' share of the machine's CPU while this row's Likeness and peer runs were timed (the larger of the two).</summary>
    public double? OthersCpuShare { get; set; }

    /// <summary>How many times the row was measured: above 1 when other work disturbed an attempt and it was repeated.</summary>
    public int Attempts { get; set; }

    /// <summary>Why the Likeness side failed, when it did.</summary>
    public string? Note { get; set; }

    /// <summary>Likeness's detect + embed rate over the faster peer's in the same configuration; null without both.</summary>
    [JsonIgnore]
    public double? RatioToFasterPeer =>
        DetectAndEmbed is null || Peers.Count == 0 ? null : DetectAndEmbed.ItemsPerSecond / Peers.Values.Max(p => p.ImagesPerSecond);
}
