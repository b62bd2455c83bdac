using Likeness.Vision.Faces.Embedding;

namespace Likeness.Vision.Tests.Faces.Embedding;

/// <summary>Every shipped embedder on the three faces of face-api's sample1.jpg.</summary>
public sealed class OnnxFaceEmbedderTests
{
    public static TheoryData<string> Models => new(FaceEmbedderSpec.All.Select(s => s.ModelName));

    private static OnnxFaceEmbedder Embedder(string model)
    {
        var spec = FaceEmbedderSpec.Find(model)!;
        return new OnnxFaceEmbedder(FaceSamples.OpenSession(spec.ModelName), spec);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void OneBatchOfSeveralFacesEmbedsEachAsAloneAndInOrder(string model)
    {
        var embedder = Embedder(model);
        var faces = FaceSamples.Sample1Landmarks;

        var batch = embedder.EmbedAll(FaceSamples.Sample1, faces);

        Assert.Equal(faces.Count, batch.Count);
        for (var i = 0; i < faces.Count; i++)
        {
            var alone = embedder.Embed(FaceSamples.Sample1, faces[i]).Vector.ToArray();
            var together = batch[i].Vector.ToArray();
            Assert.Equal(alone.Length, together.Length);
            // Batched convolutions may sum in another order: equal to float rounding, not bit for bit.
            Assert.All(alone.Zip(together), p => Assert.Equal(p.First, p.Second, 1e-4f));
        }
        Assert.Empty(embedder.EmbedAll(FaceSamples.Sample1, []));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void TheSameFaceEmbedsIdenticallyTwice(string model)
    {
        var embedder = Embedder(model);
        var landmarks = FaceSamples.Sample1Landmarks[0];

        var first = embedder.Embed(FaceSamples.Sample1, landmarks);
        var second = embedder.Embed(FaceSamples.Sample1, landmarks);

        Assert.Equal(first.Vector.ToArray(), second.Vector.ToArray());
        Assert.Equal(embedder.Spec.ModelId, first.ModelId);
    }

    [Theory]
    [InlineData("faceres", 0.05)]
    [InlineData("faceres-deep", 0.05)]
    [InlineData("mobileface", 0.05)]
    [InlineData("faceapi-recognition", 0.05)]
    [InlineData("faceapi-recognition-int8", 0.05)]
    // mobilefacenet's vectors share a large common component: different people score ~0.9999 (docs/ACCURACY.md).
    [InlineData("mobilefacenet", 0)]
    public void DifferentPeopleAreLessSimilarThanAFaceToItself(string model, double margin)
    {
        var embedder = Embedder(model);
        var faces = FaceSamples.Sample1Landmarks.Select(l => embedder.Embed(FaceSamples.Sample1, l)).ToList();

        var self = FaceSimilarity.Compare(faces[0], faces[0]);
        Assert.Equal(1, self, 5);   // cosine of a unit vector with itself; 1 / (1 + 0) for Euclidean
        for (var i = 0; i < faces.Count; i++)
        {
            for (var j = i + 1; j < faces.Count; j++) Assert.True(FaceSimilarity.Compare(faces[i], faces[j]) < self - margin, $"faces {i} and {j}: {FaceSimilarity.Compare(faces[i], faces[j])}");
        }
    }

    [Fact]
    public void The8BitRecognitionNetPutsEachFaceNearItsFloatVectorAndFarFromTheOthers()
    {
        var float32 = Embedder("faceapi-recognition").EmbedAll(FaceSamples.Sample1, FaceSamples.Sample1Landmarks);
        var int8 = Embedder("faceapi-recognition-int8").EmbedAll(FaceSamples.Sample1, FaceSamples.Sample1Landmarks);

        for (var i = 0; i < int8.Count; i++)
        {
            // Measured 0.04-0.06 on UTKFace chips; the same person's photos lie about 0.4 apart and the match threshold
            // is near 0.6 (docs/ACCURACY.md), so 0.1 is a loose bound that a broken quantisation (a lost Relu: 0.2) fails.
            Assert.True(Distance(float32[i], int8[i]) < 0.1, $"face {i}: 8-bit vector {Distance(float32[i], int8[i]):F3} from the float one.");
            for (var j = 0; j < int8.Count; j++)
            {
                if (j != i) Assert.True(Distance(float32[i], int8[j]) > 0.45, $"faces {i} and {j}: {Distance(float32[i], int8[j]):F3} apart.");
            }
        }
        Assert.Equal("faceapi-recognition-int8/dlib0.25/mirror", int8[0].ModelId);
    }

    [Fact]
    public void DlibsOwnWeightsPutEachFaceNearFaceApisCopyOfThemAndFarFromTheOthers()
    {
        // The same network and crop with dlib's float32 weights instead of face-api's uint8-rounded copy, and dlib's /256
        // input scale instead of /255: a weight read from the wrong layer, or transposed, moves a vector by 0.5 or more.
        var faceApi = Embedder("faceapi-recognition").EmbedAll(FaceSamples.Sample1, FaceSamples.Sample1Landmarks);
        var dlib = Embedder("dlib-recognition").EmbedAll(FaceSamples.Sample1, FaceSamples.Sample1Landmarks);

        for (var i = 0; i < dlib.Count; i++)
        {
            Assert.True(Distance(faceApi[i], dlib[i]) < 0.1, $"face {i}: dlib's vector {Distance(faceApi[i], dlib[i]):F3} from face-api's.");
            for (var j = 0; j < dlib.Count; j++)
            {
                if (j != i) Assert.True(Distance(faceApi[i], dlib[j]) > 0.45, $"faces {i} and {j}: {Distance(faceApi[i], dlib[j]):F3} apart.");
            }
        }
        Assert.Equal("dlib-recognition/dlib0.25/mirror", dlib[0].ModelId);
    }

    private static double Distance(FaceEmbedding a, FaceEmbedding b) =>
        Math.Sqrt(a.Vector.ToArray().Zip(b.Vector.ToArray()).Sum(p => (double)(p.First - p.Second) * (p.First - p.Second)));

    [Fact]
    public void CosineEmbeddingsAreUnitLength()
    {
        var embedding = Embedder("faceres").Embed(FaceSamples.Sample1, FaceSamples.Sample1Landmarks[1]);

        Assert.Equal(1024, embedding.Dimension);
        Assert.Equal(1, Math.Sqrt(embedding.Vector.ToArray().Sum(v => (double)v * v)), 5);
    }

    [Fact]
    public void AMirrorAveragedEmbeddingIsTheSameForACropAndItsMirrorImage()
    {
        var embedder = new OnnxFaceEmbedder(FaceSamples.OpenSession(FaceEmbedderSpec.Default.ModelName), FaceEmbedderSpec.Default);
        Assert.True(embedder.Spec.MirrorAverage);
        var crop = embedder.Spec.Alignment.Align(FaceSamples.Sample1, FaceSamples.Sample1Landmarks[0]).Image;
        var mirrored = new byte[crop.Pixels.Length];
        for (var y = 0; y < crop.Height; y++)
        {
            for (var x = 0; x < crop.Width; x++)
            {
                Array.Copy(crop.Pixels, (y * crop.Width + x) * 3, mirrored, (y * crop.Width + crop.Width - 1 - x) * 3, 3);
            }
        }

        var a = embedder.EmbedCrop(crop);
        var b = embedder.EmbedCrop(new Likeness.Imaging.DecodedImage(crop.Width, crop.Height, mirrored));

        // Same two network runs in the other order: equal up to float rounding.
        Assert.Equal(1, FaceSimilarity.Compare(a, b), 5);
    }

    [Fact]
    public void EmbeddingLeavesTheCallersImageUnchanged()
    {
        var before = (byte[])FaceSamples.Sample1.Pixels.Clone();

        Embedder("mobileface").Embed(FaceSamples.Sample1, FaceSamples.Sample1Landmarks[2]);

        Assert.Equal(before, FaceSamples.Sample1.Pixels);
    }
}
