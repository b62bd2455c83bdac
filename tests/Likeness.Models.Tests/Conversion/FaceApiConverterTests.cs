using System.Text.Json.Nodes;
using Likeness.Models.Conversion.FaceApi;
using Likeness.Models.Conversion.Tfjs;
using Likeness.Vision.Onnx;

namespace Likeness.Models.Tests.Conversion;

/// <summary>What <see cref="FaceApiConverter"/> promises besides numerical equivalence: stable bytes, the documented contracts, clear errors.</summary>
public sealed class FaceApiConverterTests
{
    [Theory]
    [InlineData(FaceApiNet.FaceExpression)]
    [InlineData(FaceApiNet.FaceRecognition)]
    public void ConvertingTwiceGivesIdenticalBytes(FaceApiNet net) =>
        Assert.Equal(FaceApiTestModels.Bytes(net), FaceApiTestModels.Convert(net));

    [Theory]
    [InlineData(FaceApiNet.SsdMobilenetV1, 512, new[] { "boxes", "scores" })]
    [InlineData(FaceApiNet.FaceLandmark68, 112, new[] { "landmarks" })]
    [InlineData(FaceApiNet.FaceRecognition, 150, new[] { "descriptor" })]
    [InlineData(FaceApiNet.AgeGender, 112, new[] { "age", "gender" })]
    [InlineData(FaceApiNet.FaceExpression, 112, new[] { "expressions" })]
    public void ModelTakesNhwcPixelsAndNamesItsOutputs(FaceApiNet net, int size, string[] outputs)
    {
        using var session = TestAssets.Runtime.OpenSession(FaceApiTestModels.Bytes(net));
        var input = Assert.Single(session.Inputs);
        Assert.Equal("input", input.Name);
        Assert.Equal(OnnxTensorElementType.Float, input.ElementType);
        Assert.Equal([-1, size, size, 3], input.Shape);
        Assert.Equal(outputs, session.Outputs.Select(o => o.Name));
    }

    [Fact]
    public void EachImageOfABatchGetsTheDescriptorItWouldGetAlone()
    {
        using var session = TestAssets.Runtime.OpenSession(FaceApiTestModels.Bytes(FaceApiNet.FaceRecognition));
        long[] one = [1, 150, 150, 3];
        var a = ReferenceFixture.GenerateInput(one, 11, 0, 255);
        var b = ReferenceFixture.GenerateInput(one, 12, 0, 255);
        var alone = new[] { a, b }.Select(x => Run(session, x, one)).ToArray();
        var both = Run(session, [.. a, .. b], [2, 150, 150, 3]);
        Assert.Equal(256, both.Length);
        for (var i = 0; i < 128; i++)
        {
            Assert.Equal(alone[0][i], both[i], 1e-6f);
            Assert.Equal(alone[1][i], both[128 + i], 1e-6f);
        }
    }

    [Fact]
    public void MissingWeightRaisesConversionErrorNamingIt()
    {
        var error = ConvertExpressionNetWithEditedManifest(weight =>
        {
            if ((string?)weight["name"] == "fc/bias") weight["name"] = "fc/bias_renamed";
        });
        Assert.Contains("'fc/bias'", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void MisshapedWeightRaisesConversionErrorNamingIt()
    {
        // Same element count, so the shards still parse: only the architecture can notice.
        var error = ConvertExpressionNetWithEditedManifest(weight =>
        {
            if ((string?)weight["name"] == "fc/weights") weight["shape"] = new JsonArray(7, 256);
        });
        Assert.Contains("'fc/weights'", error.Message);
        Assert.Contains("[256,7]", error.Message);
    }

    private static float[] Run(OnnxSession session, float[] pixels, long[] shape) =>
        session.Run([new("input", OnnxTensor.FromFloats(pixels, shape))])[0].AsFloats();

    /// <summary>
    /// Converts a copy of the expression net whose manifest has <paramref name="edit"/> applied to each weight
    /// spec, and returns the conversion error it must raise.
    /// </summary>
    private static TfjsConversionException ConvertExpressionNetWithEditedManifest(Action<JsonObject> edit)
    {
        var source = TestAssets.FaceApiModel(FaceApiTestModels.ManifestFileName(FaceApiNet.FaceExpression));
        var directory = Directory.CreateTempSubdirectory("likeness-faceapi-").FullName;
        try
        {
            var manifest = JsonNode.Parse(File.ReadAllText(source))!.AsArray();
            foreach (var group in manifest)
            {
                foreach (var weight in group!["weights"]!.AsArray()) edit(weight!.AsObject());
                foreach (var path in group["paths"]!.AsArray())
                {
                    var shard = path!.GetValue<string>();
                    File.Copy(Path.Combine(Path.GetDirectoryName(source)!, shard), Path.Combine(directory, shard));
                }
            }
            var edited = Path.Combine(directory, Path.GetFileName(source));
            File.WriteAllText(edited, manifest.ToJsonString());
            return Assert.Throws<TfjsConversionException>(() => FaceApiConverter.Convert(FaceApiNet.FaceExpression, edited, "faceapi-expression"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
