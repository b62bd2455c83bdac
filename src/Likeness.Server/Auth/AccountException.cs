namespace Likeness.Server.Auth;

/// <summary>An account or key operation refused (unknown account or key, invalid name, undecryptable secret), with a message saying what to fix; never carries a secret.</summary>
public sealed class AccountException(string message) : Exception(message);
