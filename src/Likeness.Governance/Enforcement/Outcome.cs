using Likeness.Collections.Results;

namespace Likeness.Governance.Enforcement;

/// <summary>What the trail records of a finished operation: how many results, the face model, and the candidates a reviewer may have to see.</summary>
public sealed record Outcome(int? ResultCount, string? ModelVersion, IReadOnlyList<(string Id, double Similarity)> Candidates)
{
    /// <summary>The outcome of a collection operation's result; comparison results are described by the caller.</summary>
    public static Outcome Of(object result) => result switch
    {
        SearchFacesResult r => new(r.FaceMatches.Count, r.FaceModelVersion, r.FaceMatches.Select(m => (m.Face.FaceId, m.Similarity)).ToList()),
        SearchFacesByImageResult r => new(r.FaceMatches.Count, r.FaceModelVersion, r.FaceMatches.Select(m => (m.Face.FaceId, m.Similarity)).ToList()),
        SearchUsersResult r => new(r.UserMatches.Count, r.FaceModelVersion, r.UserMatches.Select(m => ("user:" + m.User.UserId, m.Similarity)).ToList()),
        SearchUsersByImageResult r => new(r.UserMatches.Count, r.FaceModelVersion, r.UserMatches.Select(m => ("user:" + m.User.UserId, m.Similarity)).ToList()),
        IndexFacesResult r => new(r.FaceRecords.Count, r.FaceModelVersion, []),
        DeleteFacesResult r => new(r.DeletedFaces.Count, null, []),
        AssociateFacesResult r => new(r.AssociatedFaces.Count, null, []),
        DisassociateFacesResult r => new(r.DisassociatedFaces.Count, null, []),
        ListFacesResult r => new(r.Faces.Count, r.FaceModelVersion, []),
        ListCollectionsResult r => new(r.CollectionIds.Count, null, []),
        ListUsersResult r => new(r.Users.Count, null, []),
        _ => new(null, null, []),
    };
}
