using Likeness.Governance.Profiles;

namespace Likeness.Server.Console;

/// <summary>
/// A jurisdiction in one string, as the console shows and sends it: COUNTRY[-REGION[-CITY]] ("US-CA-San Francisco",
/// "US--Springfield" without a region). The city is everything after the second hyphen, so it may contain hyphens.
/// </summary>
public static class ConsoleJurisdiction
{
    /// <summary>The one-string form of <paramref name="jurisdiction"/>.</summary>
    public static string Format(Jurisdiction jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        if (jurisdiction.City is { } city) return $"{jurisdiction.Country}-{jurisdiction.Region}-{city}";
        return jurisdiction.Region is { } region ? $"{jurisdiction.Country}-{region}" : jurisdiction.Country;
    }

    /// <summary>Parses the one-string form; null when the country is not two letters (ISO 3166-1 alpha-2).</summary>
    public static Jurisdiction? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-', 3);
        var country = parts[0].Trim();
        if (country.Length != 2 || !country.All(char.IsAsciiLetter)) return null;
        string? Part(int i) => parts.Length > i && parts[i].Trim().Length > 0 ? parts[i].Trim() : null;
        return new Jurisdiction(country.ToUpperInvariant(), Part(1), Part(2));
    }
}
