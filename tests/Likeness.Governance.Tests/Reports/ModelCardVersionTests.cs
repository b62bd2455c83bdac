using Likeness.Collections;
using Likeness.Governance.Reports;

namespace Likeness.Governance.Tests.Reports;

/// <summary>Every face model a server can run has its own card, so a report on a `--face-model 1.0` server describes that model.</summary>
public sealed class ModelCardVersionTests
{
    [Fact]
    public void EachFaceModelVersionHasACardNamingItsEmbedder()
    {
        foreach (var model in FaceModel.All)
        {
            var card = ModelCard.For(model.Version);
            Assert.Equal(model.Version, card.ModelVersion);
            Assert.Equal(model.EmbedderModelId, card.Embedder);
            Assert.NotEmpty(card.FiguresOn("accuracy"));
        }
        Assert.Same(ModelCard.For(FaceModel.Default.Version), ModelCard.Default);
    }

    [Fact]
    public void The1Point0CardKeepsTheFloatNetworksFiguresAndThe2Point0CardTheEightBitOnes()
    {
        Assert.Contains(ModelCard.For("1.0").FiguresOn("accuracy"), f => f.Value == "98.93 % ± 0.25");
        Assert.Contains(ModelCard.For("2.0").FiguresOn("accuracy"), f => f.Value == "99.07 % ± 0.34");
    }

    [Fact]
    public void AVersionWithoutACardIsRefusedByName()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ModelCard.For("3.0"));
        Assert.Contains("face model 3.0", error.Message);
    }
}
