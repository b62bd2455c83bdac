using Likeness.Imaging;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Faces.Embedding;

/// <summary>Turns a face, located by its landmarks, into an embedding. Implementations are thread-safe.</summary>
public interface IFaceEmbedder
{
    /// <summary>The id every embedding from this embedder carries.</summary>
    string ModelId { get; }

    /// <summary>The embedding of the face at <paramref name="landmarks"/>; the image is only read.</summary>
    FaceEmbedding Embed(DecodedImage image, FaceLandmarks68 landmarks);

    /// <summary>
    /// The embeddings of several faces of one image, in order, equal to <see cref="Embed"/> of each; networks
    /// run them as one batch, which costs less per face (docs/PERFORMANCE.md).
    /// </summary>
    IReadOnlyList<FaceEmbedding> EmbedAll(DecodedImage image, IReadOnlyList<FaceLandmarks68> faces);
}
