namespace Likeness.Server.Auth;

/// <summary>A tenant: its collections and access keys belong to it alone. <paramref name="AccountId"/> is 12 random digits, like an AWS account id.</summary>
public sealed record Account(string AccountId, string Name, DateTimeOffset Created);
