using Likeness.Evaluation.Calibration;
using Likeness.Imaging;
using Likeness.Vision.Faces.Embedding;

namespace Likeness.Evaluation.Tests.Calibration;

public sealed class EmbeddingCacheTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"likeness-cache-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void AStoredEmbeddingIsReadBackForTheSameBytes()
    {
        var cache = new EmbeddingCache(_root, "faceapi-recognition/dlib0.25/mirror", FaceSimilarityMetric.Euclidean);
        byte[] image = [1, 2, 3];

        Assert.False(cache.TryGet(image, out _));
        cache.Put(image, new FaceEmbedding("faceapi-recognition/dlib0.25/mirror", [0.5f, -1.25f], FaceSimilarityMetric.Euclidean));

        Assert.True(cache.TryGet(image, out var embedding));
        Assert.Equal([0.5f, -1.25f], embedding!.Vector.ToArray());
        Assert.False(cache.TryGet([1, 2, 4], out _));
    }

    [Fact]
    public void ImagesWithoutAFaceAreRememberedAsSuch()
    {
        var cache = new EmbeddingCache(_root, "m/a", FaceSimilarityMetric.Cosine);
        cache.Put([9], null);

        Assert.True(cache.TryGet([9], out var embedding));
        Assert.Null(embedding);
    }

    [Fact]
    public void EachModelHasItsOwnEntries()
    {
        new EmbeddingCache(_root, "m/a", FaceSimilarityMetric.Cosine).Put([7], new FaceEmbedding("m/a", [1f], FaceSimilarityMetric.Cosine));

        Assert.False(new EmbeddingCache(_root, "m/b", FaceSimilarityMetric.Cosine).TryGet([7], out _));
    }

    [Fact]
    public void PaddingRepeatsTheEdgePixelsAroundACopy()
    {
        var image = new DecodedImage(2, 2, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);

        var padded = CalibrationEvaluator.Pad(image, 0.5);

        Assert.Equal((4, 4), (padded.Width, padded.Height));
        // Rows 0 and 1 both repeat the image's first row, each end pixel doubled.
        Assert.Equal(new byte[] { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2 }, padded.Pixels.AsSpan(0, 12).ToArray());
        Assert.Equal(new byte[] { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2 }, padded.Pixels.AsSpan(12, 12).ToArray());
        Assert.Equal(new byte[] { 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4 }, padded.Pixels.AsSpan(36, 12).ToArray());
        Assert.Equal(new byte[] { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4 }, image.Pixels);
    }
}
