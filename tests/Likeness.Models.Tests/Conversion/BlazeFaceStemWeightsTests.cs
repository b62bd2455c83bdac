using Likeness.Models.Conversion.BlazeFace;
using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Tests.Conversion;

public sealed class BlazeFaceStemWeightsTests
{
    [Fact]
    public void ReadsTheStemAndFifteenBlocksOfHumanModelsBlazeFaceTheEighthStrided()
    {
        var weights = BlazeFaceStemWeights.Read(TestAssets.HumanModel("blazeface.json"));

        Assert.Equal(5 * 5 * 3 * 24, weights.StemFilter.Length);
        Assert.Equal(15, weights.Blocks.Count);
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1], weights.Blocks.Select(b => b.Stride));
        Assert.All(weights.Blocks, b => Assert.Equal((9 * 24, 24 * 24, 24), (b.Depthwise.Length, b.Pointwise.Length, b.Bias.Length)));
        // Real weights, not zeros: a wrong shard offset would read padding or another tensor.
        Assert.Contains(weights.StemFilter, v => v != 0);
        Assert.All(weights.Blocks, b => Assert.Contains(b.Pointwise, v => v != 0));
    }

    [Fact]
    public void AnotherGraphIsRefusedWithTheNodeNamed()
    {
        var error = Assert.Throws<TfjsConversionException>(() => BlazeFaceStemWeights.Read(TestAssets.HumanModel("iris.json")));
        Assert.Contains("StatefulPartitionedCall/functional_1/conv2d/Relu", error.Message, StringComparison.Ordinal);
    }
}
