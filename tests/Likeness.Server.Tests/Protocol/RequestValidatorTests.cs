using System.Text.Json;
using Likeness.Server.Protocol;

namespace Likeness.Server.Tests.Protocol;

public sealed class RequestValidatorTests
{
    private static readonly RequestValidator Validator = new(ServiceModel.Rekognition);

    private static AwsErrorException Refused(string operation, string json) =>
        Assert.Throws<AwsErrorException>(() => Validator.Validate(ServiceModel.Rekognition.Operations[operation], JsonDocument.Parse(json).RootElement));

    private static void Accepted(string operation, string json) =>
        Validator.Validate(ServiceModel.Rekognition.Operations[operation], JsonDocument.Parse(json).RootElement);

    [Fact]
    public void TheModelHoldsEveryServedOperation()
    {
        Assert.Equal("RekognitionService", ServiceModel.Rekognition.TargetPrefix);
        foreach (var op in new[] { "DetectFaces", "CompareFaces", "CreateCollection", "IndexFaces", "SearchFacesByImage", "SearchUsersByImage", "AssociateFaces" })
        {
            Assert.True(ServiceModel.Rekognition.Operations.ContainsKey(op), op);
        }
    }

    [Fact]
    public void WellFormedRequestsPass()
    {
        Accepted("CreateCollection", """{"CollectionId": "my.photos-1", "Tags": {"team": "a"}}""");
        Accepted("ListCollections", "{}");
        Accepted("SearchFaces", """{"CollectionId": "c", "FaceId": "11111111-2222-3333-4444-555555555555", "MaxFaces": 10, "FaceMatchThreshold": 95.5}""");
        Accepted("IndexFaces", """{"CollectionId": "c", "Image": {"Bytes": "AAAA"}, "QualityFilter": "HIGH", "DetectionAttributes": ["ALL"], "Unknown": 1}""");
    }

    [Fact]
    public void AMissingRequiredMemberIsReportedAsAwsDoes()
    {
        var e = Refused("DescribeCollection", "{}");
        Assert.Equal("InvalidParameterException", e.Type);
        Assert.Equal("1 validation error detected: Value null at 'collectionId' failed to satisfy constraint: Member must not be null", e.Message);
    }

    [Theory]
    [InlineData("CreateCollection", """{"CollectionId": "has space"}""", "Member must satisfy regular expression pattern")]
    [InlineData("CreateCollection", """{"CollectionId": ""}""", "Member must have length greater than or equal to 1")]
    [InlineData("ListCollections", """{"MaxResults": 5000}""", "Member must have value less than or equal to 4096")]
    [InlineData("SearchFaces", """{"CollectionId": "c", "FaceId": "11111111-2222-3333-4444-555555555555", "FaceMatchThreshold": 101}""", "less than or equal to 100")]
    [InlineData("IndexFaces", """{"CollectionId": "c", "Image": {"Bytes": "AAAA"}, "QualityFilter": "BEST"}""", "Member must satisfy enum value set")]
    [InlineData("DeleteFaces", """{"CollectionId": "c", "FaceIds": []}""", "length greater than or equal to 1")]
    public void ConstraintViolationsAreInvalidParameter(string operation, string json, string expected)
    {
        var e = Refused(operation, json);
        Assert.Equal("InvalidParameterException", e.Type);
        Assert.Equal(400, e.Status);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("ListCollections", """{"MaxResults": "ten"}""")]
    [InlineData("ListCollections", """{"MaxResults": 1.5}""")]
    [InlineData("CreateCollection", """{"CollectionId": 7}""")]
    [InlineData("DetectFaces", """{"Image": "not an object"}""")]
    [InlineData("DetectFaces", """{"Image": {"Bytes": 12}}""")]
    public void WrongTypesAreSerializationException(string operation, string json)
    {
        Assert.Equal("SerializationException", Refused(operation, json).Type);
    }

    [Fact]
    public void ABodyThatIsNotAnObjectIsRefused() => Assert.Equal("SerializationException", Refused("ListCollections", "[]").Type);
}
