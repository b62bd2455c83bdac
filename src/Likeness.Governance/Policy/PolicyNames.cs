using Likeness.Governance.Profiles;

namespace Likeness.Governance.Policy;

/// <summary>
/// The kebab-case names sectors and operation classes have in policy files and on the command line
/// (Sector.LawEnforcement is "law-enforcement"), so every host spells them the same way.
/// </summary>
public static class PolicyNames
{
    private static readonly Dictionary<Sector, string> SectorToName = Enum.GetValues<Sector>().ToDictionary(s => s, s => Kebab(s.ToString()));
    private static readonly Dictionary<OperationClass, string> OperationToName = Enum.GetValues<OperationClass>().ToDictionary(o => o, o => Kebab(o.ToString()));

    /// <summary>Every sector name, in enum order.</summary>
    public static IReadOnlyList<string> Sectors { get; } = [.. SectorToName.Values];

    /// <summary>Every operation class name, in enum order.</summary>
    public static IReadOnlyList<string> Operations { get; } = [.. OperationToName.Values];

    /// <summary>The kebab-case name of a sector: law-enforcement, other-government, commercial, nonprofit, research.</summary>
    public static string Of(Sector sector) => SectorToName[sector];

    /// <summary>The kebab-case name of an operation class: analysis, comparison, identification, indexing, management.</summary>
    public static string Of(OperationClass operation) => OperationToName[operation];

    /// <summary>Parses a kebab-case sector name (exact, lower case).</summary>
    public static bool TryParseSector(string name, out Sector sector) => TryFind(SectorToName, name, out sector);

    /// <summary>Parses a kebab-case operation class name (exact, lower case).</summary>
    public static bool TryParseOperation(string name, out OperationClass operation) => TryFind(OperationToName, name, out operation);

    /// <summary>"Oakland, CA, US": the parts a jurisdiction gives, most specific first.</summary>
    public static string Describe(Jurisdiction jurisdiction) =>
        string.Join(", ", new[] { jurisdiction.City, jurisdiction.Region, jurisdiction.Country }.Where(p => !string.IsNullOrEmpty(p)));

    private static bool TryFind<T>(Dictionary<T, string> names, string name, out T value) where T : struct
    {
        foreach (var (key, text) in names)
        {
            if (text == name)
            {
                value = key;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
