using Likeness.Models.Conversion.FaceApi;
using Xunit.Abstractions;

namespace Likeness.Models.Tests.Conversion;

/// <summary>
/// Each converted face-api net against face-api's own forward pass (TF.js cpu backend) on the same
/// pseudo-random 0-255 input: fixtures from tools/reference-outputs/face-api.mjs.
/// </summary>
/// <remarks>
/// Tolerance 1e-4 x each output's largest |value| for every net: float32 on both sides, so only the
/// order of summation and the folding of scale/batch-norm layers into conv weights differ. Measured with
/// ONNX Runtime 1.30 (CPU): at most 5e-6 x scale (ssd scores, whose scale is small on noise input).
/// </remarks>
public sealed class FaceApiConversionTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    [Fact]
    public void RecognitionDescriptorMatchesFaceApi() => AssertMatchesFaceApi(FaceApiNet.FaceRecognition);

    [Fact]
    public void SsdMobilenetBoxesAndScoresMatchFaceApi() => AssertMatchesFaceApi(FaceApiNet.SsdMobilenetV1);

    [Fact]
    public void Landmark68PointsMatchFaceApi() => AssertMatchesFaceApi(FaceApiNet.FaceLandmark68);

    [Fact]
    public void AgeAndGenderMatchFaceApi() => AssertMatchesFaceApi(FaceApiNet.AgeGender);

    [Fact]
    public void ExpressionProbabilitiesMatchFaceApi() => AssertMatchesFaceApi(FaceApiNet.FaceExpression);

    private void AssertMatchesFaceApi(FaceApiNet net)
    {
        var name = FaceApiTestModels.ModelName(net);
        var fixture = ReferenceFixture.Load(name + ".json");
        using var session = TestAssets.Runtime.OpenSession(FaceApiTestModels.Bytes(net));
        var worst = fixture.AssertMatches(session, Tolerance);
        foreach (var (outputName, error) in worst) output.WriteLine($"{name} {outputName}: max error {error:G3} x scale");
    }
}
