using Likeness.Vision.Faces.Alignment;

namespace Likeness.Vision.Tests.Faces.Alignment;

public sealed class SimilarityTransformTests
{
    private static readonly (double X, double Y)[] Points = [(10, 20), (60, 25), (35, 50), (15, 80), (55, 78)];

    [Fact]
    public void EstimateRecoversAKnownRotationScaleAndTranslation()
    {
        var known = SimilarityTransform.Create(scale: 1.7, rotation: 0.3, tx: -12.5, ty: 40);
        var moved = Points.Select(p => known.Apply(p.X, p.Y)).ToList();

        var estimated = SimilarityTransform.Estimate(Points, moved);

        Assert.Equal(1.7, estimated.Scale, 9);
        Assert.Equal(0.3, estimated.Rotation, 9);
        Assert.Equal(-12.5, estimated.Tx, 9);
        Assert.Equal(40, estimated.Ty, 9);
    }

    [Fact]
    public void EstimateIsTheLeastSquaresFitWhenPointsAreNoisy()
    {
        var known = SimilarityTransform.Create(2, -0.5, 3, 4);
        var moved = Points.Select((p, i) => known.Apply(p.X, p.Y)).Select((p, i) => (p.Item1 + (i % 2 == 0 ? 0.5 : -0.5), p.Item2)).ToList();

        var estimated = SimilarityTransform.Estimate(Points, moved);

        // Small symmetric noise moves the estimate only a little (tolerance: 1% of scale, 0.01 rad).
        Assert.Equal(2, estimated.Scale, 0.02);
        Assert.Equal(-0.5, estimated.Rotation, 0.01);
    }

    [Fact]
    public void InverseUndoesTheTransform()
    {
        var t = SimilarityTransform.Create(0.6, 1.1, 7, -9);

        var (x, y) = t.Inverse().Apply(t.Apply(13, 21).X, t.Apply(13, 21).Y);

        Assert.Equal(13, x, 9);
        Assert.Equal(21, y, 9);
    }

    [Fact]
    public void CoincidentSourcePointsAreRefused() =>
        Assert.Throws<ArgumentException>(() => SimilarityTransform.Estimate([(1, 1), (1, 1)], [(0, 0), (5, 5)]));
}
