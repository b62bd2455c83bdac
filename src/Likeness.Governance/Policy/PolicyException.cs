namespace Likeness.Governance.Policy;

/// <summary>
/// A policy document is invalid; the message starts with the JSON path of the problem ($.rules[2].match.sectors[0]) and says what is wrong.
/// <see cref="JsonPath"/> and <see cref="Problem"/> give the two parts separately where the parser found them.
/// </summary>
public sealed class PolicyException : Exception
{
    /// <summary>A problem without a JSON path (the file cannot be read, say); <see cref="Problem"/> is the whole message.</summary>
    public PolicyException(string message)
        : base(message)
    {
        Problem = message;
    }

    /// <summary>A problem at <paramref name="jsonPath"/>; the message is "path: problem".</summary>
    public PolicyException(string jsonPath, string problem)
        : base($"{jsonPath}: {problem}")
    {
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>Where in the document the problem is ($ for the whole document), or null when it is not about one place.</summary>
    public string? JsonPath { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }
}
