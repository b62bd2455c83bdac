using System.Text.Json;
using Likeness.Cli.Commands;
using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;

namespace Likeness.Cli.Tests;

public sealed class DetectCommandTests
{
    // Copied by hand from botocore's rekognition/2016-06-27/service-2.json (FaceDetail and the shapes
    // it uses), so the test needs no Python; a key or value outside these is not Rekognition's shape.
    private static readonly HashSet<string> FaceDetailMembers =
    [
        "BoundingBox", "AgeRange", "Smile", "Eyeglasses", "Sunglasses", "Gender", "Beard", "Mustache", "EyesOpen",
        "MouthOpen", "Emotions", "Landmarks", "Pose", "Quality", "Confidence", "FaceOccluded", "EyeDirection",
    ];

    private static readonly HashSet<string> LandmarkTypes =
    [
        "eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight", "leftEyeBrowLeft", "leftEyeBrowRight", "leftEyeBrowUp",
        "rightEyeBrowLeft", "rightEyeBrowRight", "rightEyeBrowUp", "leftEyeLeft", "leftEyeRight", "leftEyeUp", "leftEyeDown",
        "rightEyeLeft", "rightEyeRight", "rightEyeUp", "rightEyeDown", "noseLeft", "noseRight", "mouthUp", "mouthDown",
        "leftPupil", "rightPupil", "upperJawlineLeft", "midJawlineLeft", "chinBottom", "midJawlineRight", "upperJawlineRight",
    ];

    private static readonly HashSet<string> EmotionNames = ["HAPPY", "SAD", "ANGRY", "CONFUSED", "DISGUSTED", "SURPRISED", "CALM", "UNKNOWN", "FEAR"];

    private static string Sample1 => InstalledAssets.Default().PackageFile(ModelCatalog.FaceApi, "demo/sample1.jpg");

    private static (int Code, string Out, string Err) Detect(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = DetectCommand.Run(CliArguments.Parse(["detect", .. args], new HashSet<string> { "json" }), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void JsonOnSample1GivesAFaceDetailPerFaceInRekognitionsShape()
    {
        var (code, stdout, stderr) = Detect(Sample1, "--json");

        Assert.True(code == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(["FaceDetails"], document.RootElement.EnumerateObject().Select(p => p.Name));
        var faces = document.RootElement.GetProperty("FaceDetails").EnumerateArray().ToList();
        Assert.Equal(3, faces.Count); // the three people
        foreach (var face in faces)
        {
            AssertDefaultShape(face);
            // Default attributes only: Rekognition adds nothing else unless ALL is asked for.
            Assert.Equal(["BoundingBox", "Landmarks", "Pose", "Quality", "Confidence"], face.EnumerateObject().Select(p => p.Name));
        }
        // Largest first.
        var areas = faces.Select(f => f.GetProperty("BoundingBox").GetProperty("Width").GetDouble() * f.GetProperty("BoundingBox").GetProperty("Height").GetDouble()).ToList();
        Assert.Equal(areas.OrderDescending(), areas);
    }

    [Fact]
    public void DetectorScalesAddPassesAndBadOnesAreRefusedInOneLine()
    {
        var (code, stdout, stderr) = Detect(Sample1, "--json", "--detector-scales", "0.5+1");

        Assert.True(code == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(3, document.RootElement.GetProperty("FaceDetails").GetArrayLength());

        foreach (var bad in new[] { "0", "5", "half", "0.5+", "0,5" })
        {
            var (badCode, _, badErr) = CliRunner.Run("detect", Sample1, "--detector-scales", bad);
            Assert.Equal(2, badCode);
            Assert.Single(badErr.Trim().Split('\n'));
            Assert.Contains("e.g. 0.5+1", badErr);
        }
    }

    [Fact]
    public void JsonWithAllAttributesAddsOnlyRekognitionAttributesWithValidValues()
    {
        var (code, stdout, stderr) = Detect(Sample1, "--json", "--attributes", "all");

        Assert.True(code == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        var faces = document.RootElement.GetProperty("FaceDetails").EnumerateArray().ToList();
        Assert.Equal(3, faces.Count); // the three people
        foreach (var face in faces)
        {
            AssertDefaultShape(face);
            var age = face.GetProperty("AgeRange");
            Assert.True(age.GetProperty("Low").GetInt32() >= 0);
            Assert.True(age.GetProperty("High").GetInt32() >= age.GetProperty("Low").GetInt32());
            Assert.Contains(face.GetProperty("Gender").GetProperty("Value").GetString(), new[] { "Male", "Female" });
            AssertPercent(face.GetProperty("Gender").GetProperty("Confidence"));
            foreach (var name in new[] { "Smile", "EyesOpen", "MouthOpen" })
            {
                Assert.Contains(face.GetProperty(name).GetProperty("Value").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
                AssertPercent(face.GetProperty(name).GetProperty("Confidence"));
            }
            var emotions = face.GetProperty("Emotions").EnumerateArray().ToList();
            Assert.Equal(7, emotions.Count);
            foreach (var emotion in emotions)
            {
                Assert.Contains(emotion.GetProperty("Type").GetString()!, EmotionNames);
                AssertPercent(emotion.GetProperty("Confidence"));
            }
            Assert.InRange(emotions.Sum(e => e.GetProperty("Confidence").GetDouble()), 99.0, 101.0);
        }
    }

    [Fact]
    public void TheTableListsEachFaceOnSample1WithItsAttributes()
    {
        var (code, stdout, stderr) = Detect(Sample1, "--attributes", "all");

        Assert.True(code == 0, stderr);
        var faces = stdout.Split('\n').Count(line => line.StartsWith("   age ", StringComparison.Ordinal));
        Assert.Equal(3, faces);
        Assert.Contains($"1920x1280, {faces} face(s), largest first", stdout);
    }

    [Fact]
    public void OutWritesThePhotoWithTheFacesDrawnAsPng()
    {
        var path = Path.Combine(Path.GetTempPath(), $"likeness-detect-{Guid.NewGuid():N}.png");
        try
        {
            var (code, stdout, stderr) = Detect(Sample1, "--out", path);

            Assert.True(code == 0, stderr);
            Assert.Contains($"wrote {path}", stdout);
            var image = new ImageDecoder().Decode(File.ReadAllBytes(path));
            Assert.Equal((1920, 1280), (image.Width, image.Height));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnUnknownAttributesValueIsAUsageError()
    {
        Assert.Throws<CliUsageException>(() => Detect(Sample1, "--attributes", "beards"));
    }

    [Fact]
    public void AMissingImageIsAUsageError()
    {
        Assert.Throws<CliUsageException>(() => Detect());
        Assert.Throws<CliUsageException>(() => Detect("/nonexistent/photo.jpg"));
    }

    private static void AssertDefaultShape(JsonElement face)
    {
        foreach (var property in face.EnumerateObject()) Assert.Contains(property.Name, FaceDetailMembers);
        var box = face.GetProperty("BoundingBox");
        Assert.Equal(["Width", "Height", "Left", "Top"], box.EnumerateObject().Select(p => p.Name));
        Assert.InRange(box.GetProperty("Width").GetDouble(), 0.0, 1.0);
        Assert.InRange(box.GetProperty("Height").GetDouble(), 0.0, 1.0);
        AssertPercent(face.GetProperty("Confidence"));

        var landmarks = face.GetProperty("Landmarks").EnumerateArray().ToList();
        Assert.NotEmpty(landmarks);
        foreach (var landmark in landmarks)
        {
            Assert.Equal(["Type", "X", "Y"], landmark.EnumerateObject().Select(p => p.Name));
            Assert.Contains(landmark.GetProperty("Type").GetString()!, LandmarkTypes);
            Assert.InRange(landmark.GetProperty("X").GetDouble(), 0.0, 1.0);
            Assert.InRange(landmark.GetProperty("Y").GetDouble(), 0.0, 1.0);
        }

        var pose = face.GetProperty("Pose");
        Assert.Equal(["Roll", "Yaw", "Pitch"], pose.EnumerateObject().Select(p => p.Name));
        foreach (var angle in pose.EnumerateObject()) Assert.InRange(angle.Value.GetDouble(), -180.0, 180.0);

        var quality = face.GetProperty("Quality");
        Assert.Equal(["Brightness", "Sharpness"], quality.EnumerateObject().Select(p => p.Name));
        foreach (var value in quality.EnumerateObject()) AssertPercent(value.Value);
    }

    private static void AssertPercent(JsonElement value)
    {
        Assert.Equal(JsonValueKind.Number, value.ValueKind);
        Assert.InRange(value.GetDouble(), 0.0, 100.0);
    }
}
