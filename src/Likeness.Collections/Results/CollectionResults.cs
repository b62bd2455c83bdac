namespace Likeness.Collections.Results;

// Results of the collection-level operations, named and shaped as Rekognition's responses
// (botocore rekognition/2016-06-27) so they serialise to the wire form as they are.

public sealed record CreateCollectionResult(int StatusCode, string CollectionArn, string FaceModelVersion);

public sealed record DescribeCollectionResult(long FaceCount, string FaceModelVersion, string CollectionARN, DateTimeOffset CreationTimestamp, long UserCount);

public sealed record ListCollectionsResult(IReadOnlyList<string> CollectionIds, string? NextToken, IReadOnlyList<string> FaceModelVersions);

public sealed record DeleteCollectionResult(int StatusCode);
