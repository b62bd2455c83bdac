namespace Likeness.Governance.Profiles;

/// <summary>Whether a registered use case may be used: only Approved ones are.</summary>
public enum UseCaseStatus
{
    Pending,
    Approved,
    Rejected,
}
