using Likeness.Governance.Audits;

namespace Likeness.Server.Tests.Console;

/// <summary>ListAudits and GetAuditReport (each report checked against its recorded SHA-256), and the accountability report (governance role).</summary>
public sealed class ConsoleReportTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>
{
    private ConsoleServer Server => fixture.Server;

    // What `likeness audit detection --record` leaves: detection.json and detection.html in one folder, the JSON recorded.
    private (string Id, string Json, string Html) RecordAudit()
    {
        var id = "detection-" + Guid.NewGuid().ToString("N");
        var folder = Path.Combine(Server.DataDirectory, "audits", id);
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "detection.json");
        var html = Path.Combine(folder, "detection.html");
        File.WriteAllText(json, """{ "recall": 0.93 }""");
        File.WriteAllText(html, "<!DOCTYPE html><title>Detection audit</title><p>recall 93%</p>");
        using var governor = Server.Governance();
        governor.Audits.Record(new BiasAuditRecord(id, BiasAuditKinds.Detection, "blazeface", DateTimeOffset.UtcNow, "WIDER FACE val", json,
            BiasAuditRecord.Sha256Of(json), [], "recall 0.93 at 1 false positive per image"));
        return (id, json, html);
    }

    [Fact]
    public async Task ListAuditsShowsEachRecordedAuditAndWhetherItsReportIsIntact()
    {
        var (id, json, _) = RecordAudit();
        var client = Server.Client(Server.NewKey("audits"));

        var audit = (await client.Console("ListAudits")).Ok().GetProperty("Audits").EnumerateArray().Single(a => a.GetProperty("Id").GetString() == id);
        Assert.Equal(("detection", "blazeface", "WIDER FACE val", "recall 0.93 at 1 false positive per image"),
            (audit.GetProperty("Kind").GetString(), audit.GetProperty("ModelId").GetString(), audit.GetProperty("Dataset").GetString(), audit.GetProperty("Summary").GetString()));
        Assert.Equal(BiasAuditRecord.Sha256Of(json), audit.GetProperty("ReportSha256").GetString());
        Assert.True(audit.GetProperty("ReportIntact").GetBoolean());

        File.WriteAllText(json, """{ "recall": 0.99 }""");
        audit = (await client.Console("ListAudits")).Ok().GetProperty("Audits").EnumerateArray().Single(a => a.GetProperty("Id").GetString() == id);
        Assert.False(audit.GetProperty("ReportIntact").GetBoolean());
    }

    [Fact]
    public async Task GetAuditReportGivesTheHtmlBesideTheRecordedJson()
    {
        var (id, json, html) = RecordAudit();
        var client = Server.Client(Server.NewKey("report"));

        var report = (await client.Console("GetAuditReport", new { Id = id })).Ok();
        Assert.Equal((id, File.ReadAllText(html), true), (report.GetProperty("Id").GetString(), report.GetProperty("Html").GetString(), report.GetProperty("ReportIntact").GetBoolean()));

        File.Delete(json);
        Assert.False((await client.Console("GetAuditReport", new { Id = id })).Ok().GetProperty("ReportIntact").GetBoolean());
        File.Delete(html);
        (await client.Console("GetAuditReport", new { Id = id })).Error("ResourceNotFoundException");
        (await client.Console("GetAuditReport", new { Id = "no-such-audit" })).Error("ResourceNotFoundException");
        Assert.StartsWith("Id is required", (await client.Console("GetAuditReport")).Error("InvalidParameterException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAccountabilityReportNeedsTheGovernanceRoleAndShowsMissingAnswers()
    {
        var key = Server.NewKey("plain");
        Assert.Contains($"likeness keys role add {key.AccessKeyId} governance",
            (await Server.Client(key).Console("GetAccountabilityReport")).Error("AccessDeniedException"), StringComparison.Ordinal);

        var html = (await Server.Client(Server.GovernanceKey()).Console("GetAccountabilityReport")).Ok().GetProperty("Html").GetString()!;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("NOT PROVIDED", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReportConfigurationSuppliesTheOperatorsAnswers()
    {
        var config = Path.Combine(Path.GetTempPath(), $"likeness-report-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{ "agencyName": "Springfield Department of Child Services" }""");
        try
        {
            await using var server = await ConsoleServer.StartAsync(o => o with { ReportConfigPath = config });
            var html = (await server.Client(server.GovernanceKey()).Console("GetAccountabilityReport")).Ok().GetProperty("Html").GetString()!;
            Assert.Contains("Springfield Department of Child Services", html, StringComparison.Ordinal);

            // Read on each request: a broken edit is the server's problem, said as such.
            File.WriteAllText(config, """{ "agency": "typo" }""");
            Assert.Contains("--report-config", (await server.Client(server.GovernanceKey()).Console("GetAccountabilityReport")).Error("InternalServerError"), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }
}
