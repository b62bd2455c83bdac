namespace Likeness.Governance.Profiles;

/// <summary>A use case an account registered, with its approval status.</summary>
public sealed record RegisteredUseCase(string UseCase, UseCaseStatus Status);
