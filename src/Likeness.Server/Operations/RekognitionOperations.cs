using Likeness.Collections;
using Likeness.Collections.Results;
using Likeness.Governance.Enforcement;
using Likeness.Imaging;
using Likeness.Server.Images;
using Likeness.Server.Protocol;
using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Comparison;
using Likeness.Vision.Faces.Pipeline;

namespace Likeness.Server.Operations;

/// <summary>
/// Each Rekognition operation Likeness serves, from a validated request body and the caller's account
/// to a response object that serialises to the operation's output shape (<see cref="ResultJson"/>).
/// </summary>
public sealed class RekognitionOperations(FacePipeline pipeline, CollectionService collections, ImageSource images, Governor governor)
{
    /// <summary>The operations that read an image: they take a slot of the image-work limit.</summary>
    public static readonly IReadOnlySet<string> ImageOperations = new HashSet<string>(StringComparer.Ordinal)
    {
        "DetectFaces", "CompareFaces", "IndexFaces", "SearchFacesByImage", "SearchUsersByImage",
    };

    /// <summary>
    /// Runs <paramref name="operation"/> under the use policy (<see cref="Governor.Run{T}"/>): refused with
    /// AccessDeniedException, or run and recorded, with the ids of candidates queued for human review.
    /// Throws AwsErrorException, CollectionException or ImageDecodingException for the caller's errors.
    /// </summary>
    public (object Result, IReadOnlyList<string> Reviews) Run(string operation, CallerContext caller, RequestReader request)
    {
        var collectionId = request.Optional("CollectionId");
        var (member, fallback) = Threshold(operation);
        var threshold = member is null ? null : request.Double(member);
        var (result, reviews) = governor.Run(caller, operation, collectionId, threshold, fallback,
            () => Execute(operation, caller.AccountId, request),
            describe: operation == "CompareFaces" ? DescribeComparison : null,
            gallerySize: collectionId is null ? null : () => collections.FaceCount(caller.AccountId, collectionId));
        return (result is FaceComparison comparison ? FaceComparisonJson.Response(comparison) : result, reviews);
    }

    /// <summary>
    /// The request member that carries <paramref name="operation"/>'s similarity threshold and the threshold that applies
    /// when a request leaves it out, as Rekognition documents them; (null, null) for an operation without one.
    /// </summary>
    public static (string? Member, double? Default) Threshold(string operation) => operation switch
    {
        "SearchFaces" or "SearchFacesByImage" => ("FaceMatchThreshold", CollectionService.DefaultMatchThreshold),
        "SearchUsers" or "SearchUsersByImage" => ("UserMatchThreshold", CollectionService.DefaultMatchThreshold),
        "CompareFaces" => ("SimilarityThreshold", FaceComparer.DefaultThreshold),
        _ => (null, null),
    };

    private Outcome DescribeComparison(object result)
    {
        var matches = ((FaceComparison)result).FaceMatches;
        return new Outcome(matches.Count, collections.Model.Version, matches.Select((m, i) => ($"target-face:{i + 1}", m.Similarity)).ToList());
    }

    private object Execute(string operation, string account, RequestReader request) => operation switch
    {
        "DetectFaces" => DetectFaces(request),
        "CompareFaces" => CompareFaces(request),
        "CreateCollection" => collections.CreateCollection(account, request.String("CollectionId"), request.Map("Tags")),
        "DescribeCollection" => collections.DescribeCollection(account, request.String("CollectionId")),
        "ListCollections" => collections.ListCollections(account, request.Optional("NextToken"), request.Int("MaxResults")),
        "DeleteCollection" => collections.DeleteCollection(account, request.String("CollectionId")),
        "IndexFaces" => collections.IndexFaces(account, request.String("CollectionId"), Image(request, "Image"), request.Optional("ExternalImageId"),
            Attributes(request.Strings("DetectionAttributes")), request.Int("MaxFaces"), Filter(request, QualityFilter.Auto)),
        "ListFaces" => collections.ListFaces(account, request.String("CollectionId"), request.Optional("NextToken"), request.Int("MaxResults"), request.Optional("UserId"), request.Strings("FaceIds")),
        "DeleteFaces" => collections.DeleteFaces(account, request.String("CollectionId"), request.Strings("FaceIds")!),
        "SearchFaces" => collections.SearchFaces(account, request.String("CollectionId"), request.String("FaceId"), request.Int("MaxFaces"), request.Double("FaceMatchThreshold")),
        "SearchFacesByImage" => collections.SearchFacesByImage(account, request.String("CollectionId"), Image(request, "Image"), request.Int("MaxFaces"),
            request.Double("FaceMatchThreshold"), Filter(request, QualityFilter.None)),
        "CreateUser" => Empty(() => collections.CreateUser(account, request.String("CollectionId"), request.String("UserId"), request.Optional("ClientRequestToken"))),
        "DeleteUser" => Empty(() => collections.DeleteUser(account, request.String("CollectionId"), request.String("UserId"), request.Optional("ClientRequestToken"))),
        "ListUsers" => collections.ListUsers(account, request.String("CollectionId"), request.Optional("NextToken"), request.Int("MaxResults")),
        "AssociateFaces" => collections.AssociateFaces(account, request.String("CollectionId"), request.String("UserId"), request.Strings("FaceIds")!,
            request.Double("UserMatchThreshold"), request.Optional("ClientRequestToken")),
        "DisassociateFaces" => collections.DisassociateFaces(account, request.String("CollectionId"), request.String("UserId"), request.Strings("FaceIds")!, request.Optional("ClientRequestToken")),
        "SearchUsers" => collections.SearchUsers(account, request.String("CollectionId"), request.Optional("UserId"), request.Optional("FaceId"), request.Double("UserMatchThreshold"), request.Int("MaxUsers")),
        "SearchUsersByImage" => collections.SearchUsersByImage(account, request.String("CollectionId"), Image(request, "Image"), request.Double("UserMatchThreshold"),
            request.Int("MaxUsers"), Filter(request, QualityFilter.None)),
        _ => throw new AwsErrorException("UnknownOperationException", $"Operation {operation} is not served by Likeness."),
    };

    private DetectFacesResult DetectFaces(RequestReader request)
    {
        var image = Decode(Image(request, "Image"));
        return new DetectFacesResult(pipeline.Detect(image, Attributes(request.Strings("Attributes"))));
    }

    private object CompareFaces(RequestReader request)
    {
        var source = Decode(Image(request, "SourceImage"));
        var target = Decode(Image(request, "TargetImage"));
        var result = pipeline.Compare(source, target, request.Double("SimilarityThreshold") ?? FaceComparer.DefaultThreshold);
        if (result.SourceImageFace is null) throw AwsErrorException.InvalidParameter("There are no faces in the source image. Should be at least 1.");
        return result;
    }

    private byte[] Image(RequestReader request, string name) =>
        images.Read(request.Member(name) ?? throw AwsErrorException.InvalidParameter($"{name} is required."));

    private static DecodedImage Decode(byte[] bytes) => new ImageDecoder(ImageLimits.Rekognition).Decode(bytes);

    /// <summary>
    /// DEFAULT (or nothing) gives the default fields; ALL or any named attribute gives every attribute
    /// Likeness estimates (a named subset is not trimmed; docs/API.md).
    /// </summary>
    private static FaceAnalysisAttributes Attributes(IReadOnlyList<string>? requested) =>
        requested is null || requested.All(a => a == "DEFAULT") ? FaceAnalysisAttributes.Default : FaceAnalysisAttributes.All;

    private static QualityFilter Filter(RequestReader request, QualityFilter fallback) =>
        request.Optional("QualityFilter") is { } text ? Enum.Parse<QualityFilter>(text, ignoreCase: true) : fallback;

    private static object Empty(Action action)
    {
        action();
        return new { };
    }

    private sealed record DetectFacesResult(IReadOnlyList<FaceDetail> FaceDetails);
}
