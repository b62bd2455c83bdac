namespace Likeness.Server;

/// <summary>How the server listens and what it allows.</summary>
public sealed record ServerOptions
{
    /// <summary>Address to listen on; loopback by default, so exposing the service is a deliberate choice.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (see <see cref="LikenessServer.Endpoint"/>).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Where collections, accounts and the master key live.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The region requests must be signed for, and that ARNs carry.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Local directory standing in for S3 (BUCKET/KEY below it); null: S3Object is refused.</summary>
    public string? S3Root { get; init; }

    /// <summary>
    /// The use-policy file, re-read when it changes and written by the console's PutPolicy (null: the data directory's
    /// policy.json whenever it exists, else the shipped default policy; docs/POLICY.md).
    /// </summary>
    public string? PolicyPath { get; init; }

    /// <summary>The operator's answers for the accountability report (docs/examples/report-config.json), read on each request; null: they show as NOT PROVIDED.</summary>
    public string? ReportConfigPath { get; init; }

    /// <summary>The model cache (null: the default).</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// The face model (FaceModelVersion) collections are searched and indexed with; null for <c>FaceModel.Default</c>. An operator
    /// keeps serving collections indexed under an older version with it until they are re-indexed (docs/COLLECTIONS.md).
    /// </summary>
    public string? FaceModelVersion { get; init; }

    /// <summary>The face detector's finer passes (docs/DETECTION.md); null for the default, scale 0.5.</summary>
    public IReadOnlyList<float>? DetectorScales { get; init; }

    /// <summary>Largest request body: a 5 MB image in base64 is 6.7 MB, plus the JSON around it.</summary>
    public long MaxRequestBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Image operations running at once; more wait in line.</summary>
    public int MaxConcurrentImageRequests { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// ONNX Runtime threads inside one model run; 0 means one per core. One by default: image requests already run
    /// in parallel, one per core (<see cref="MaxConcurrentImageRequests"/>), and on the measured 2-core machine one
    /// thread per run was faster even for a lone request (docs/PERFORMANCE.md).
    /// </summary>
    public int IntraOpThreads { get; init; } = DefaultIntraOpThreads;

    /// <summary>The default of <see cref="IntraOpThreads"/>.</summary>
    public const int DefaultIntraOpThreads = 1;

    /// <summary>Image operations waiting for a slot before further ones are refused with ThrottlingException.</summary>
    public int MaxQueuedImageRequests { get; init; } = 64;

    /// <summary>Sustained requests per second per access key (ProvisionedThroughputExceededException beyond the burst).</summary>
    public double RequestsPerSecondPerKey { get; init; } = 50;

    /// <summary>Requests a key may make at once above the sustained rate.</summary>
    public int BurstPerKey { get; init; } = 100;

    /// <summary>How far a request's signing time may be from the server's clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}
