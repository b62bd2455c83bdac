using System.Security.Cryptography;
using System.Text;
using Likeness.Vision.Faces.Embedding;

namespace Likeness.Evaluation.Calibration;

/// <summary>
/// Embeddings kept on disk between runs, one small file per image keyed by the SHA-256 of the image
/// bytes and the embedder's model id, so a rerun after a crash (or of another report over the same
/// data) skips the networks. It lives outside the repository: evaluation data is never committed.
/// </summary>
public sealed class EmbeddingCache
{
    private const string NoFaceMarker = "noface";
    private readonly string _directory;
    private readonly string _modelId;
    private readonly FaceSimilarityMetric _metric;

    /// <param name="root">The cache folder, e.g. /tmp/likeness-embeddings.</param>
    /// <param name="modelId">The embedder's id; each model gets its own subfolder.</param>
    /// <param name="metric">The metric stored embeddings are read back with.</param>
    /// <param name="variant">How images were prepared before embedding (e.g. `pad0.5`), when not as they are: each variant gets its own folder.</param>
    public EmbeddingCache(string root, string modelId, FaceSimilarityMetric metric, string? variant = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        _modelId = modelId;
        _metric = metric;
        var safe = new StringBuilder();
        foreach (var c in variant is null ? modelId : $"{modelId}+{variant}") safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_');
        _directory = Path.Combine(root, safe.ToString());
        Directory.CreateDirectory(_directory);
    }

    /// <summary>The model id the cached embeddings carry.</summary>
    public string ModelId => _modelId;

    /// <summary>The default root: $TMPDIR/likeness-embeddings.</summary>
    public static string DefaultRoot => Path.Combine(Path.GetTempPath(), "likeness-embeddings");

    /// <summary>The cached embedding of an image with these bytes: found (value or null for "no face"), or not cached.</summary>
    public bool TryGet(ReadOnlySpan<byte> imageBytes, out FaceEmbedding? embedding)
    {
        embedding = null;
        var path = PathFor(imageBytes);
        if (!File.Exists(path)) return false;
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(NoFaceMarker))) return true;
        if (bytes.Length == 0 || bytes.Length % sizeof(float) != 0) return false; // a torn write: embed again
        var vector = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, vector, 0, bytes.Length);
        embedding = new FaceEmbedding(_modelId, vector, _metric);
        return true;
    }

    /// <summary>Stores an embedding, or null for an image where no face was found.</summary>
    public void Put(ReadOnlySpan<byte> imageBytes, FaceEmbedding? embedding)
    {
        var path = PathFor(imageBytes);
        byte[] bytes;
        if (embedding is null)
        {
            bytes = Encoding.ASCII.GetBytes(NoFaceMarker);
        }
        else
        {
            if (!string.Equals(embedding.ModelId, _modelId, StringComparison.Ordinal)) throw new ArgumentException($"This cache holds {_modelId}, not {embedding.ModelId}.");
            bytes = new byte[embedding.Dimension * sizeof(float)];
            Buffer.BlockCopy(embedding.Vector.ToArray(), 0, bytes, 0, bytes.Length);
        }
        // Write then rename, so an interrupted run never leaves a half file under the final name.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathFor(ReadOnlySpan<byte> imageBytes) => Path.Combine(_directory, Convert.ToHexStringLower(SHA256.HashData(imageBytes)) + ".f32");
}
