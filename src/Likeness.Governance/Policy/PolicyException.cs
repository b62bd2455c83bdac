namespace Likeness.Governance.Policy;

/// <summary>A policy document is invalid; the message starts with the JSON path of the problem ($.rules[2].match.sectors[0]) and says what is wrong.</summary>
public sealed class PolicyException(string message) : Exception(message);
