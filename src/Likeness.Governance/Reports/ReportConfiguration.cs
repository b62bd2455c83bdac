using System.Text.Json;
using System.Text.Json.Serialization;

namespace Likeness.Governance.Reports;

/// <summary>
/// The agency's own answers for the accountability report (docs/examples/report-config.json), which no
/// software can know: who it is, why and how it uses the service, its retention, security, testing, impacts
/// and feedback procedures. Every field is optional so that a missing answer shows in the report as missing.
/// </summary>
public sealed record ReportConfiguration
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt field would otherwise vanish and print as "NOT PROVIDED" although the operator wrote it.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string? AgencyName { get; init; }
    public string? Contact { get; init; }
    public string? Vendor { get; init; }
    public string? DataCollection { get; init; }
    public string? Purpose { get; init; }
    public string? ProposedUse { get; init; }
    public string? DecisionsSupported { get; init; }
    public string? DecisionType { get; init; }
    public string? IntendedBenefits { get; init; }
    public string? DeploymentProtocol { get; init; }
    public string? AuthorisedUsers { get; init; }
    public string? WarrantPolicy { get; init; }
    public string? DataMinimisation { get; init; }
    public string? DataRetention { get; init; }
    public string? PreUseProcess { get; init; }
    public string? TrainingProcedures { get; init; }
    public string? SecurityMeasures { get; init; }
    public string? DataSharing { get; init; }
    public string? TestingProcedures { get; init; }
    public string? ErrorRateResponse { get; init; }
    public string? CivilLibertiesImpacts { get; init; }
    public string? Mitigations { get; init; }
    public string? FeedbackProcedure { get; init; }

    /// <summary>Reads the configuration from JSON (camelCase names, comments allowed); unknown fields are refused.</summary>
    public static ReportConfiguration Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ReportConfiguration>(json, JsonOptions) ?? throw new FormatException("The report configuration is JSON null; expected an object.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Invalid report configuration{(e.Path is null ? "" : " at " + e.Path)}: {e.Message}", e);
        }
    }

    /// <summary>Reads the configuration file at <paramref name="path"/>.</summary>
    public static ReportConfiguration Load(string path) => Parse(File.ReadAllText(path));
}
