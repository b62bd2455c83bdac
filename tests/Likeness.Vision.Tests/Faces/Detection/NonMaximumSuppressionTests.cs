using Likeness.Vision.Faces.Detection;

namespace Likeness.Vision.Tests.Faces.Detection;

public sealed class NonMaximumSuppressionTests
{
    private static DetectedFace Box(float left, float top, float size, float confidence) => new(left, top, size, size, confidence, []);

    [Fact]
    public void IntersectionOverUnionOfHalfOverlappingSquaresIsOneThird() =>
        Assert.Equal(1f / 3f, NonMaximumSuppression.IntersectionOverUnion(Box(0, 0, 10, 1), Box(5, 0, 10, 1)), 5);

    [Fact]
    public void DisjointBoxesHaveNoOverlap() =>
        Assert.Equal(0f, NonMaximumSuppression.IntersectionOverUnion(Box(0, 0, 10, 1), Box(20, 20, 10, 1)));

    [Fact]
    public void TheMostConfidentOfOverlappingBoxesIsKept()
    {
        var kept = NonMaximumSuppression.Apply([Box(0, 0, 10, 0.6f), Box(1, 1, 10, 0.9f), Box(50, 50, 10, 0.7f)], 0.3f, 10);

        Assert.Equal([0.9f, 0.7f], kept.Select(k => k.Confidence));
    }

    [Fact]
    public void NoMoreThanMaxFacesAreReturned()
    {
        var boxes = Enumerable.Range(0, 10).Select(i => Box(i * 20, 0, 10, i / 10f));

        Assert.Equal(3, NonMaximumSuppression.Apply(boxes, 0.3f, 3).Count);
    }
}
