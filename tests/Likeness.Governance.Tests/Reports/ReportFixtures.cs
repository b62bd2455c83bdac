using Likeness.Governance.AuditTrail;

namespace Likeness.Governance.Tests.Reports;

/// <summary>Audit entries and verifications for report tests, written out instead of read from a trail.</summary>
internal static class ReportFixtures
{
    public static AuditVerification Intact(long records) => new(true, records, null, $"intact: {records} records, last hash abc");

    public static AuditEntry Entry(string time, string account, string operation, string decision, string? useCase = null, string? rule = null, long? gallery = null) =>
        new(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), account, null, useCase, null, operation, "c1", null, gallery, "1.0", 0, decision, rule, null);

    /// <summary>Two months, two accounts (police and a nonprofit) and one unregistered account.</summary>
    public static IReadOnlyList<AuditEntry> Entries { get; } =
    [
        Entry("2021-01-05T10:00:00Z", "police", "SearchFacesByImage", "allowed-pending-review", "public-safety-investigation", gallery: 1200),
        Entry("2021-01-06T10:00:00Z", "police", "ReviewDecision", "review-confirmed", "public-safety-investigation"),
        Entry("2021-01-07T10:00:00Z", "ngo", "CompareFaces", "allowed", "missing-person-identification"),
        Entry("2021-01-31T23:59:59Z", "ngo", "DetectFaces", "allowed"),
        Entry("2021-02-01T00:00:00Z", "police", "SearchFacesByImage", "denied", "public-safety-investigation", rule: "police-moratorium-2020"),
        Entry("2021-02-02T00:00:00Z", "police", "SearchFaces", "denied", "public-safety-investigation", rule: "police-moratorium-2020"),
        Entry("2021-02-03T00:00:00Z", "stranger", "SearchFaces", "denied", "research", rule: "unapproved-use-case"),
        Entry("2021-02-04T00:00:00Z", "police", "ReviewDecision", "review-rejected", "public-safety-investigation"),
    ];

    public static string SectorOf(string account) => account switch
    {
        "police" => "law-enforcement",
        "ngo" => "nonprofit",
        _ => "unregistered",
    };
}
