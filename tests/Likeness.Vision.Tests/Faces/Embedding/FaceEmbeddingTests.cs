using Likeness.Imaging;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Tests.Faces.Embedding;

public sealed class FaceEmbeddingTests
{
    [Fact]
    public void AnEmbeddingCarriesItsModelIdAndDimension()
    {
        var embedding = new FaceEmbedding("mobileface/5pt", FaceEmbedding.Normalize([3, 4]), FaceSimilarityMetric.Cosine);

        Assert.Equal("mobileface/5pt", embedding.ModelId);
        Assert.Equal(2, embedding.Dimension);
        Assert.Equal([0.6f, 0.8f], embedding.Vector.ToArray());
    }

    [Fact]
    public void ComparingEmbeddingsOfDifferentModelsThrows()
    {
        var a = new FaceEmbedding("faceres/5pt", [1, 0], FaceSimilarityMetric.Cosine);
        var b = new FaceEmbedding("mobileface/5pt", [1, 0], FaceSimilarityMetric.Cosine);

        var error = Assert.Throws<ArgumentException>(() => FaceSimilarity.Compare(a, b));
        Assert.Contains("different models", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CosineSimilarityIsTheDotProductOfNormalisedVectors()
    {
        var a = new FaceEmbedding("m", FaceEmbedding.Normalize([1, 0]), FaceSimilarityMetric.Cosine);
        var b = new FaceEmbedding("m", FaceEmbedding.Normalize([1, 1]), FaceSimilarityMetric.Cosine);

        Assert.Equal(Math.Sqrt(0.5), FaceSimilarity.Compare(a, b), 6);
    }

    [Fact]
    public void EuclideanDistanceMapsToOneOverOnePlusDistance()
    {
        var a = new FaceEmbedding("m", [0, 0], FaceSimilarityMetric.Euclidean);
        var b = new FaceEmbedding("m", [3, 4], FaceSimilarityMetric.Euclidean);

        Assert.Equal(1.0 / 6, FaceSimilarity.Compare(a, b), 12);
        Assert.Equal(1.0, FaceSimilarity.Compare(a, a), 12);
    }

    [Fact]
    public void ACombinationsCosineIsTheMeanOfItsPartsCosines()
    {
        var combined = new CombinedFaceEmbedder([new FixedEmbedder("p"), new FixedEmbedder("q")]);
        var x = combined.Combine([new("p", FaceEmbedding.Normalize([1, 0]), FaceSimilarityMetric.Cosine), new("q", FaceEmbedding.Normalize([0, 1]), FaceSimilarityMetric.Cosine)]);
        var y = combined.Combine([new("p", FaceEmbedding.Normalize([1, 0]), FaceSimilarityMetric.Cosine), new("q", FaceEmbedding.Normalize([1, 0]), FaceSimilarityMetric.Cosine)]);

        Assert.Equal("p+q", x.ModelId);
        Assert.Equal(0.5, FaceSimilarity.Compare(x, y), 6);   // (1 + 0) / 2
    }

    private sealed class FixedEmbedder(string id) : IFaceEmbedder
    {
        public string ModelId => id;

        public FaceEmbedding Embed(DecodedImage image, FaceLandmarks68 landmarks) => throw new NotSupportedException();

        public IReadOnlyList<FaceEmbedding> EmbedAll(DecodedImage image, IReadOnlyList<FaceLandmarks68> faces) => throw new NotSupportedException();
    }
}
