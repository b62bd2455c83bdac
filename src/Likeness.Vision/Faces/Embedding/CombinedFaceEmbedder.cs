using Likeness.Imaging;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Faces.Embedding;

/// <summary>
/// Several embedders as one: each part's vector is L2-normalised and the parts are concatenated and
/// scaled by 1/√n, so the cosine of two combined embeddings is the mean of the parts' cosines.
/// </summary>
public sealed class CombinedFaceEmbedder : IFaceEmbedder
{
    private readonly IReadOnlyList<IFaceEmbedder> _parts;

    public CombinedFaceEmbedder(IReadOnlyList<IFaceEmbedder> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count < 2) throw new ArgumentException("A combination needs at least two embedders.", nameof(parts));
        _parts = parts.ToArray();
        ModelId = string.Join("+", _parts.Select(p => p.ModelId));
    }

    public string ModelId { get; }

    /// <summary>The combined embedders, in order.</summary>
    public IReadOnlyList<IFaceEmbedder> Parts => _parts;

    public FaceEmbedding Embed(DecodedImage image, FaceLandmarks68 landmarks) => Combine(_parts.Select(p => p.Embed(image, landmarks)).ToList());

    public IReadOnlyList<FaceEmbedding> EmbedAll(DecodedImage image, IReadOnlyList<FaceLandmarks68> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        var byPart = _parts.Select(p => p.EmbedAll(image, faces)).ToList();
        return faces.Select((_, i) => Combine(byPart.Select(part => part[i]).ToList())).ToList();
    }

    /// <summary>Combines embeddings already made by this combination's parts, in order.</summary>
    public FaceEmbedding Combine(IReadOnlyList<FaceEmbedding> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count != _parts.Count) throw new ArgumentException($"Expected {_parts.Count} embeddings, got {parts.Count}.", nameof(parts));
        var weight = (float)(1 / Math.Sqrt(parts.Count));
        var vector = new List<float>();
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].ModelId != _parts[i].ModelId) throw new ArgumentException($"Part {i} is {parts[i].ModelId}, expected {_parts[i].ModelId}.", nameof(parts));
            vector.AddRange(FaceEmbedding.Normalize(parts[i].Vector).Select(v => v * weight));
        }
        return new FaceEmbedding(ModelId, vector.ToArray(), FaceSimilarityMetric.Cosine);
    }
}
