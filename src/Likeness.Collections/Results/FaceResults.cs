using Likeness.Vision.Faces.Analysis;

namespace Likeness.Collections.Results;

// Results of the face operations, named and shaped as Rekognition's responses.

/// <summary>Rekognition's Face: one indexed face as stored.</summary>
public sealed record Face(string FaceId, FaceBoundingBox BoundingBox, string ImageId, string? ExternalImageId, double Confidence, string IndexFacesModelVersion, string? UserId);

public sealed record FaceRecord(Face Face, FaceDetail FaceDetail);

public sealed record UnindexedFace(IReadOnlyList<string> Reasons, FaceDetail FaceDetail);

public sealed record IndexFacesResult(IReadOnlyList<FaceRecord> FaceRecords, string FaceModelVersion, IReadOnlyList<UnindexedFace> UnindexedFaces);

public sealed record ListFacesResult(IReadOnlyList<Face> Faces, string? NextToken, string FaceModelVersion);

public sealed record UnsuccessfulFaceDeletion(string FaceId, string? UserId, IReadOnlyList<string> Reasons);

public sealed record DeleteFacesResult(IReadOnlyList<string> DeletedFaces, IReadOnlyList<UnsuccessfulFaceDeletion> UnsuccessfulFaceDeletions);

public sealed record FaceMatch(double Similarity, Face Face);

public sealed record SearchFacesResult(string SearchedFaceId, IReadOnlyList<FaceMatch> FaceMatches, string FaceModelVersion);

public sealed record SearchFacesByImageResult(FaceBoundingBox SearchedFaceBoundingBox, double SearchedFaceConfidence, IReadOnlyList<FaceMatch> FaceMatches, string FaceModelVersion);
