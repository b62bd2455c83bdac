using Likeness.Imaging;
using Likeness.Models.Catalog;
using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Comparison;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Vision.Tests.Faces.Comparison;

/// <summary>CompareFaces on face-api's sample photos: each face against a crop of itself and against the other people.</summary>
public sealed class FaceComparerTests
{
    private static readonly Lazy<FaceComparer> ComparerLazy = new(() => new FaceComparer(
        new FaceLocator(new BlazeFaceDetector(FaceSamples.OpenSession("blazeface")), new FaceApiLandmarkDetector(FaceSamples.OpenSession("faceapi-landmark68"))),
        new OnnxFaceEmbedder(FaceSamples.OpenSession(FaceEmbedderSpec.Default.ModelName), FaceEmbedderSpec.Default),
        SimilarityCalibration.Default));

    private static FaceComparer Comparer => ComparerLazy.Value;

    private static DecodedImage Sample(string name) =>
        new ImageDecoder().Decode(File.ReadAllBytes(TestOnnxRuntime.Assets.PackageFile(ModelCatalog.FaceApi, $"demo/{name}")));

    // The face's box grown by half its size on every side: the person's own pixels, cut out of the photo.
    private static DecodedImage CropAround(DecodedImage image, DetectedFace face)
    {
        var left = (int)Math.Max(0, face.Left - face.Width / 2);
        var top = (int)Math.Max(0, face.Top - face.Height / 2);
        var right = (int)Math.Min(image.Width, face.Left + face.Width * 1.5);
        var bottom = (int)Math.Min(image.Height, face.Top + face.Height * 1.5);
        var (width, height) = (right - left, bottom - top);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++) Array.Copy(image.Pixels, ((top + y) * image.Width + left) * 3, pixels, y * width * 3, width * 3);
        return new DecodedImage(width, height, pixels);
    }

    private static bool SameBox(ComparedFace compared, DetectedFace face) =>
        Math.Abs(compared.Detection.Left + compared.Detection.Width / 2 - (face.Left + face.Width / 2)) < face.Width / 4 &&
        Math.Abs(compared.Detection.Top + compared.Detection.Height / 2 - (face.Top + face.Height / 2)) < face.Height / 4;

    [Fact]
    public void EachFaceOfSample1MatchesACropOfItselfAndNoOneElse()
    {
        var photo = FaceSamples.Sample1;
        var faces = FaceSamples.Sample1Faces;
        Assert.Equal(3, faces.Count);

        foreach (var face in faces)
        {
            var crop = CropAround(photo, face);
            Assert.True(Math.Min(crop.Width, crop.Height) >= 80, $"crop {crop.Width}x{crop.Height}");

            var result = Comparer.Compare(crop, photo);

            Assert.NotNull(result.SourceImageFace);
            var match = Assert.Single(result.FaceMatches);
            Assert.True(SameBox(match.Face, face), $"matched the face at {match.Face.Detection}, expected {face}");
            Assert.True(match.Similarity > 80, $"similarity to itself {match.Similarity}");
            Assert.Equal(faces.Count - 1, result.UnmatchedFaces.Count);
            Assert.All(result.UnmatchedFaces, u => Assert.True(u.Similarity < 80, $"another person scored {u.Similarity}"));
        }
    }

    [Fact]
    public void TheSamePersonInAnotherSamplePhotoMatchesACropOfItself()
    {
        var photo = Sample("sample2.jpg");
        // The comparer's own confidence floor, so the face is one it finds in the photo too.
        var faces = new BlazeFaceDetector(FaceSamples.OpenSession("blazeface")).Detect(photo, TiledFaceDetector.DefaultMinConfidence);
        Assert.NotEmpty(faces);
        var largest = faces.MaxBy(f => f.Width * f.Height)!;

        var result = Comparer.Compare(CropAround(photo, largest), photo);

        var best = Assert.Single(result.FaceMatches, m => SameBox(m.Face, largest));
        Assert.True(best.Similarity > 80, $"similarity {best.Similarity}");
    }

    [Fact]
    public void BoxesAreRatiosOfTheImageAndConfidenceIsAPercentage()
    {
        var result = Comparer.Compare(FaceSamples.Sample1, FaceSamples.Sample1);

        foreach (var face in result.FaceMatches.Concat(result.UnmatchedFaces).Select(c => c.Face).Append(result.SourceImageFace!))
        {
            Assert.InRange(face.Width, 0.001, 1);
            Assert.InRange(face.Height, 0.001, 1);
            Assert.Equal(face.Detection.Left / FaceSamples.Sample1.Width, face.Left, 6);
            Assert.InRange(face.Confidence, 50, 100);
        }
        // The source is the largest face, so it matches itself in the target.
        Assert.Contains(result.FaceMatches, m => m.Similarity >= 99);
    }

    [Fact]
    public void MatchesAreSplitAtTheThresholdAndItsRateIsReported()
    {
        var result = Comparer.Compare(FaceSamples.Sample1, FaceSamples.Sample1, threshold: 0);

        Assert.Equal(3, result.FaceMatches.Count);
        Assert.Empty(result.UnmatchedFaces);
        Assert.Equal(Comparer.Calibration.EstimatedFalseMatchRate(0), result.EstimatedFalseMatchRate);
        Assert.True(result.FaceMatches.Zip(result.FaceMatches.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity), "most similar first");
        Assert.Equal(1e-4, Comparer.Compare(FaceSamples.Sample1, FaceSamples.Sample1).EstimatedFalseMatchRate, 1e-12);
    }

    [Fact]
    public void ASourceWithoutAFaceGivesNoSourceFaceAndNoMatches()
    {
        var blank = new DecodedImage(200, 200, Enumerable.Repeat((byte)128, 200 * 200 * 3).ToArray());

        var result = Comparer.Compare(blank, FaceSamples.Sample1);

        Assert.Null(result.SourceImageFace);
        Assert.Empty(result.FaceMatches);
        Assert.Empty(result.UnmatchedFaces);
    }

    [Fact]
    public void ConcurrentComparisonsGiveTheSameAnswers()
    {
        var crop = CropAround(FaceSamples.Sample1, FaceSamples.Sample1Faces[0]);
        var expected = Comparer.Compare(crop, FaceSamples.Sample1);

        var results = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(_ => Comparer.Compare(crop, FaceSamples.Sample1)).ToList();

        Assert.All(results, r => Assert.Equal(expected.FaceMatches.Select(m => m.Similarity), r.FaceMatches.Select(m => m.Similarity)));
    }

    [Fact]
    public void AnEmbedderOtherThanTheCalibratedOneIsRefused()
    {
        var faceres = new OnnxFaceEmbedder(FaceSamples.OpenSession("faceres"), FaceEmbedderSpec.Faceres);

        Assert.Throws<ArgumentException>(() => new FaceComparer(
            new FaceLocator(new BlazeFaceDetector(FaceSamples.OpenSession("blazeface")), new FaceApiLandmarkDetector(FaceSamples.OpenSession("faceapi-landmark68"))),
            faceres,
            SimilarityCalibration.Default));
    }
}
