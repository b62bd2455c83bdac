using Likeness.Vision.Faces.Embedding;

namespace Likeness.Collections.Tests;

public sealed class FaceModelTests
{
    [Fact]
    public void Version2IsTheDefaultAndThe8BitEmbedderVersion1TheFloatOne()
    {
        Assert.Equal("2.0", FaceModel.Default.Version);
        Assert.Equal(FaceEmbedderSpec.FaceApiRecognitionInt8, FaceModel.Default.Embedder);
        Assert.Equal(FaceEmbedderSpec.FaceApiRecognition, FaceModel.Find("1.0").Embedder);
        Assert.Equal(["1.0", "2.0"], FaceModel.All.Select(m => m.Version));
    }

    [Fact]
    public void EachVersionTurnsDistancesIntoSimilarityWithItsOwnEmbeddersCalibration()
    {
        foreach (var model in FaceModel.All)
        {
            Assert.Equal(model.EmbedderModelId, model.Calibration.ModelId);
        }
        // Fitted separately, the two tables differ: one model's distances through the other's table would misstate rates.
        Assert.NotEqual(FaceModel.Version1.Similarity(0.14), FaceModel.Default.Similarity(0.14));
    }

    [Fact]
    public void AnUnknownVersionNamesTheVersionsThereAre()
    {
        var error = Assert.Throws<ArgumentException>(() => FaceModel.Find("3.0"));
        Assert.Contains("1.0 and 2.0", error.Message);
    }
}
