namespace Likeness.Server.Auth;

/// <summary>What may be shown about an access key: never its secret. <paramref name="Revoked"/> is null while the key is active.</summary>
public sealed record AccessKeyInfo(string AccessKeyId, string AccountId, DateTimeOffset Created, DateTimeOffset? Revoked);
