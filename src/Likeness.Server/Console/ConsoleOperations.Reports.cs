using Likeness.Collections;
using Likeness.Governance.Audits;
using Likeness.Governance.Profiles;
using Likeness.Governance.Reports;
using Likeness.Server.Protocol;

namespace Likeness.Server.Console;

/// <summary>
/// The reports: the bias audits recorded on this installation with their self-contained HTML pages (each checked against
/// the SHA-256 the trail fixed when it was recorded), and the accountability report (governance role).
/// </summary>
public sealed partial class ConsoleOperations
{
    private object ListAudits() => new
    {
        Audits = _governor.Audits.List().Select(a => new
        {
            a.Id,
            a.Kind,
            a.ModelId,
            a.CompletedAt,
            a.Dataset,
            a.Summary,
            a.ReportSha256,
            ReportIntact = ReportIntact(a),
        }).ToList(),
    };

    private object GetAuditReport(ConsoleRequest request)
    {
        var id = request.Required("Id", 200);
        var audit = _governor.Audits.List().FirstOrDefault(a => a.Id == id) ?? throw new AwsErrorException("ResourceNotFoundException", $"No bias audit {id} is recorded.");
        // `likeness audit ...` writes <kind>.json and <kind>.html side by side; the store records the JSON.
        var html = Path.Combine(Path.GetDirectoryName(audit.ReportPath) ?? "", audit.Kind + ".html");
        string text;
        try
        {
            text = File.ReadAllText(html);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AwsErrorException("ResourceNotFoundException", $"The HTML report of bias audit {id} cannot be read at {html}: it was moved or deleted.");
        }
        return new { audit.Id, Html = text, ReportIntact = ReportIntact(audit) };
    }

    private object GetAccountabilityReport(ConsoleCaller caller, ConsoleRequest request)
    {
        caller.Require(KeyRoles.Governance, "GetAccountabilityReport");
        var configuration = new ReportConfiguration();
        if (_options.ReportConfigPath is { } path)
        {
            // Read on every request, so the operator's edits show without a restart.
            try
            {
                configuration = ReportConfiguration.Load(path);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                throw new AwsErrorException("InternalServerError", $"The server's report configuration (--report-config) cannot be used: {e.Message}", 500);
            }
        }
        var trail = _governor.Trail;
        var report = AccountabilityReport.Build(new AccountabilityReportInputs(
            configuration, ModelCard.For(_faceModel.Version), _governor.Policy.Current.Document, trail.Verify(), [.. trail.Read().Select(r => r.Entry)],
            _governor.Reviews.List(), _governor.Reviews.Reviewers(), _governor.Audits.List(), _faceModel.Calibration, _time.GetUtcNow(), _options.DetectorScales));
        return new { Html = HtmlReportRenderer.Render(report) };
    }

    // The report's JSON still has the SHA-256 recorded with the audit (and chained into the trail); a missing file is not intact.
    private static bool ReportIntact(BiasAuditRecord audit)
    {
        try
        {
            return string.Equals(BiasAuditRecord.Sha256Of(audit.ReportPath), audit.ReportSha256, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
