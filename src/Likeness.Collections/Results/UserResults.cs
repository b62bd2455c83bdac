using Likeness.Vision.Faces.Analysis;

namespace Likeness.Collections.Results;

// Results of the user operations, named and shaped as Rekognition's responses.

public sealed record User(string UserId, string UserStatus);

public sealed record ListUsersResult(IReadOnlyList<User> Users, string? NextToken);

public sealed record AssociatedFace(string FaceId);

public sealed record UnsuccessfulFaceAssociation(string FaceId, string? UserId, double? Confidence, IReadOnlyList<string> Reasons);

public sealed record AssociateFacesResult(IReadOnlyList<AssociatedFace> AssociatedFaces, IReadOnlyList<UnsuccessfulFaceAssociation> UnsuccessfulFaceAssociations, string UserStatus);

public sealed record DisassociatedFace(string FaceId);

public sealed record UnsuccessfulFaceDisassociation(string FaceId, string? UserId, IReadOnlyList<string> Reasons);

public sealed record DisassociateFacesResult(IReadOnlyList<DisassociatedFace> DisassociatedFaces, IReadOnlyList<UnsuccessfulFaceDisassociation> UnsuccessfulFaceDisassociations, string UserStatus);

public sealed record UserMatch(double Similarity, User User);

public sealed record SearchedFace(string FaceId);

public sealed record SearchedUser(string UserId);

public sealed record SearchUsersResult(IReadOnlyList<UserMatch> UserMatches, string FaceModelVersion, SearchedFace? SearchedFace, SearchedUser? SearchedUser);

public sealed record SearchedFaceDetails(FaceDetail FaceDetail);

public sealed record UnsearchedFace(FaceDetail FaceDetails, IReadOnlyList<string> Reasons);

public sealed record SearchUsersByImageResult(IReadOnlyList<UserMatch> UserMatches, string FaceModelVersion, SearchedFaceDetails SearchedFace, IReadOnlyList<UnsearchedFace> UnsearchedFaces);
