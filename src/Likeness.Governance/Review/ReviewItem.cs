namespace Likeness.Governance.Review;

/// <summary>One candidate match awaiting (or having had) a human decision.</summary>
public sealed record ReviewItem(
    string ReviewId,
    string AccountId,
    string? CaseId,
    string? UseCase,
    string Operation,
    string? CollectionId,
    string CandidateFaceId,
    double Similarity,
    DateTimeOffset Created,
    string Status,
    string? ReviewerId,
    DateTimeOffset? Decided,
    string? Note);
