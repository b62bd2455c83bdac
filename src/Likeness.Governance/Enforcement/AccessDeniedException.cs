namespace Likeness.Governance.Enforcement;

/// <summary>A request the use policy refuses; the message names the rule and its reason (Rekognition's AccessDeniedException).</summary>
public sealed class AccessDeniedException(string rule, string message) : Exception(message)
{
    /// <summary>The policy rule that refused, e.g. police-moratorium-2020.</summary>
    public string Rule { get; } = rule;

    /// <summary>The error's name on the wire.</summary>
    public const string RekognitionName = "AccessDeniedException";
}
