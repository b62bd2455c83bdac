namespace Likeness.Governance.Policy;

/// <summary>
/// A parsed, validated policy: its version, description, dated history and rules in file order.
/// See docs/POLICY.md for the file format and how the rules are evaluated.
/// </summary>
public sealed class PolicyDocument
{
    private const string DefaultResource = "Likeness.Governance.Policy.default-policy.json";

    private static readonly Lazy<PolicyDocument> DefaultDocument = new(LoadDefault);

    internal PolicyDocument(string version, string description, IReadOnlyList<PolicyHistoryEntry> history, IReadOnlyList<PolicyRule> rules, string json)
    {
        Version = version;
        Description = description;
        History = history;
        Rules = rules;
        Json = json;
    }

    /// <summary>The document's version string, reported with every decision.</summary>
    public string Version { get; }

    /// <summary>What the policy is for, in the author's words (empty when the file has none).</summary>
    public string Description { get; }

    /// <summary>The dated changes the file records, in file order.</summary>
    public IReadOnlyList<PolicyHistoryEntry> History { get; }

    /// <summary>The rules in file order, which is the order access rules are tried in.</summary>
    public IReadOnlyList<PolicyRule> Rules { get; }

    /// <summary>The document's JSON exactly as it was read, comments included.</summary>
    public string Json { get; }

    /// <summary>The policy shipped with Likeness (Policy/default-policy.json, embedded): the 2020 moratorium, its exemption, local bans and the 99% floor.</summary>
    public static PolicyDocument Default => DefaultDocument.Value;

    /// <summary>Parses and validates a policy document; throws <see cref="PolicyException"/> naming the JSON path of the first problem.</summary>
    public static PolicyDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return PolicyDocumentParser.Parse(json);
    }

    private static PolicyDocument LoadDefault()
    {
        using var stream = typeof(PolicyDocument).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The embedded default policy {DefaultResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
