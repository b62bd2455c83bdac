using Likeness.Collections;
using Likeness.Governance.Audits;
using Likeness.Governance.Policy;
using Likeness.Governance.Reports;
using Likeness.Governance.Review;
using Likeness.Governance.Tests.Audits;

namespace Likeness.Governance.Tests.Reports;

public sealed class AccountabilityReportTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2021-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static AccountabilityReportInputs Inputs(ReportConfiguration configuration, IReadOnlyList<Reviewer>? reviewers = null, IReadOnlyList<BiasAuditRecord>? audits = null) => new(
        configuration, ModelCard.Default, PolicyDocument.Default, ReportFixtures.Intact(8), ReportFixtures.Entries,
        [
            new ReviewItem("r1", "police", "case-1", "public-safety-investigation", "SearchFacesByImage", "c1", "f1", 99.2, Now.AddDays(-50), ReviewQueue.Confirmed, "alice", Now.AddDays(-49), null),
            new ReviewItem("r2", "police", "case-1", "public-safety-investigation", "SearchFacesByImage", "c1", "f2", 99.1, Now.AddDays(-50), ReviewQueue.Pending, null, null, null),
        ],
        reviewers ?? [new Reviewer("alice", "Alice Example", "examiner", new DateOnly(2020, 9, 1))],
        audits ?? [], FaceModel.Default.Calibration, Now);

    private static ReportConfiguration Example() =>
        ReportConfiguration.Load(Path.Combine(RepositoryRoot(), "docs", "examples", "report-config.json"));

    // The build output may live outside the repository (--artifacts-path), so start from this source file.
    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "POLICY.md"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found above " + sourceFile);
    }

    [Fact]
    public void MissingConfigurationFieldsAreFlaggedWithTheStatuteParagraph()
    {
        var report = AccountabilityReport.Build(Inputs(new ReportConfiguration { AgencyName = "Example County" }));
        var markdown = MarkdownReportRenderer.Render(report);

        Assert.Contains("**Purpose:** **NOT PROVIDED — required by RCW 43.386.020(2)(c)**", markdown);
        Assert.Contains("**Procedures for receiving and responding to feedback from affected individuals and the community:** **NOT PROVIDED — required by RCW 43.386.020(2)(h)**", markdown);
        Assert.Contains("**Data integrity and retention:** **NOT PROVIDED — required by RCW 43.386.020(2)(d)**", markdown);
        Assert.Contains("are NOT PROVIDED; they are marked below.", markdown);
        Assert.DoesNotContain("**Agency:** **NOT PROVIDED", markdown);
    }

    [Fact]
    public void TheExampleConfigurationAnswersEveryField()
    {
        var configuration = Example();

        var report = AccountabilityReport.Build(Inputs(configuration));

        Assert.All(typeof(ReportConfiguration).GetProperties().Where(p => p.Name != nameof(ReportConfiguration.Vendor)), p => Assert.False(string.IsNullOrWhiteSpace((string?)p.GetValue(configuration)), p.Name));
        Assert.DoesNotContain(report.Sections.SelectMany(s => s.Blocks).OfType<ReportParagraph>(), p => p.Missing);
        Assert.Contains("Every answer the statute asks of the agency is provided.", MarkdownReportRenderer.Render(report));
    }

    [Fact]
    public void AMisspeltConfigurationFieldIsRefused() =>
        Assert.Throws<FormatException>(() => ReportConfiguration.Parse("""{ "agencyNmae": "x" }"""));

    [Fact]
    public void FollowsTheStatutesSectionsAToH()
    {
        var report = AccountabilityReport.Build(Inputs(Example()));

        Assert.Equal(["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)"], report.Sections.Skip(1).Select(s => s.Heading[..3]));
    }

    [Fact]
    public void IncludesThePolicyVersionItsRulesAndTheTrailsVerification()
    {
        var markdown = MarkdownReportRenderer.Render(AccountabilityReport.Build(Inputs(Example())));

        Assert.Contains(PolicyDocument.Default.Version, markdown);
        Assert.Contains("| 6 | police-moratorium-2020 | deny |", markdown);
        Assert.Contains("VERIFIED — every record unchanged, in order and chained (intact: 8 records, last hash abc).", markdown);
        Assert.Contains("| denied | 3 |", markdown);
    }

    [Fact]
    public void IncludesTheModelCardFiguresWithTheirSourcesAndCommands()
    {
        var markdown = MarkdownReportRenderer.Render(AccountabilityReport.Build(Inputs(Example())));

        Assert.Contains("| 99.07 % ± 0.34 | docs/ACCURACY.md | likeness eval verification --threads 2 --json lfw.json |", markdown);
        Assert.Contains("301x", markdown);
        Assert.Contains("docs/DETECTION.md", markdown);
        Assert.Contains("docs/ATTRIBUTES.md", markdown);
        Assert.Contains(AccountabilityReport.NoDemographicAudit, markdown);
    }

    [Fact]
    public void ShowsCalibratedFalseMatchesAtTheFloorAndDefaultForTheLargestGallerySearched()
    {
        var markdown = MarkdownReportRenderer.Render(AccountabilityReport.Build(Inputs(Example())));
        var calibration = FaceModel.Default.Calibration;

        Assert.Contains("expected false matches per search of 1200 faces", markdown);
        Assert.Contains($"| 99 (policy floor) | {calibration.EstimatedFalseMatchRate(99).ToString("0.##E+0", System.Globalization.CultureInfo.InvariantCulture)} | extrapolated |", markdown);
        Assert.Contains("| 80 (Rekognition's default) | 1E-4 | measured | 0.12 |", markdown);
    }

    [Fact]
    public void ReportsHumanReviewCountsAndReviewersTraining()
    {
        var markdown = MarkdownReportRenderer.Render(AccountabilityReport.Build(Inputs(Example())));

        Assert.Contains("2 candidate matches queued for human review: 1 confirmed, 0 rejected, 1 pending.", markdown);
        Assert.Contains("| alice | Alice Example | examiner | 2020-09-01 | yes | 1 |", markdown);
    }

    [Fact]
    public void NoRegisteredReviewerIsFlagged()
    {
        var report = AccountabilityReport.Build(Inputs(Example(), reviewers: []));

        Assert.Contains(report.Sections.SelectMany(s => s.Blocks).OfType<ReportParagraph>(), p => p.Missing && p.Label == "Reviewers");
    }

    [Fact]
    public void AServiceRunningOtherDetectorScalesSaysSoBesideTheCardsDetectionFigures()
    {
        var scaled = MarkdownReportRenderer.Render(AccountabilityReport.Build(Inputs(Example()) with { DetectorScales = [0.5f, 1f] }));
        var standard = MarkdownReportRenderer.Render(AccountabilityReport.Build(Inputs(Example()) with { DetectorScales = [0.5f] }));

        Assert.Contains("This service runs the detector at scales 0.5+1 (`--detector-scales`), not the default 0.5", scaled);
        Assert.DoesNotContain("This service runs the detector at scales", standard);
        Assert.DoesNotContain("This service runs the detector at scales", MarkdownReportRenderer.Render(AccountabilityReport.Build(Inputs(Example()))));
    }

    [Fact]
    public void TheModelCardDescribesTheDefaultFaceModel()
    {
        var card = ModelCard.Default;

        Assert.Equal(FaceModel.Default.Version, card.ModelVersion);
        Assert.Equal(FaceModel.Default.EmbedderModelId, card.Embedder);
        Assert.All(card.Figures, f => Assert.True(File.Exists(Path.Combine(RepositoryRoot(), f.Source)), $"{f.Label}: {f.Source} does not exist"));
        Assert.All(card.Figures, f => Assert.StartsWith("likeness eval ", f.Command));
    }

    [Fact]
    public void WithoutAuditsTheBiasAuditSectionSaysNoneRecorded()
    {
        var markdown = MarkdownReportRenderer.Render(AccountabilityReport.Build(Inputs(Example())));

        Assert.Contains("**Bias audits:** None recorded. " + AccountabilityReport.NoDemographicAudit, markdown);
    }

    [Fact]
    public void TheBiasAuditSectionListsRecordedAuditsNewestFirstWithTheirFiguresAndReportHash()
    {
        var model = ModelCard.Default.Embedder;
        var older = BiasAudits.Demographics("audit-2020-09", model, new DateTimeOffset(2020, 9, 1, 0, 0, 0, TimeSpan.Zero));
        var newer = BiasAudits.Demographics("audit-2021-01", model, new DateTimeOffset(2021, 1, 20, 0, 0, 0, TimeSpan.Zero));

        var markdown = MarkdownReportRenderer.Render(AccountabilityReport.Build(Inputs(Example(), audits: [older, newer])));

        Assert.Contains("**Bias audits:** 2 audit(s) recorded on this installation, newest first.", markdown);
        Assert.Contains($"*2021-01-20 — demographics audit audit-2021-01 of model {model}; dataset: UTKFace dev, same-group impostor pairs, race x gender cells; " +
            $"report /var/lib/likeness/audits/audit-2021-01.json (SHA-256 {new string('a', 64)}).", markdown);
        Assert.True(markdown.IndexOf("audit-2021-01 of model", StringComparison.Ordinal) < markdown.IndexOf("audit-2020-09 of model", StringComparison.Ordinal));
        Assert.Contains("| 80 | asian-female | 4.9E-3 [5.5E-3] (296 / 60724) | 1.7E-5 (white-male) | 1E-4 | 48.7x |", markdown);
        Assert.Contains("| 99 | black-male | 0 [5E-6] (0 / 600000) | 0 (white-male) | 1E-7 | 0x |", markdown);
        Assert.DoesNotContain(AccountabilityReport.NoDemographicAudit, markdown);
    }

    [Fact]
    public void RulesRequiringAnAuditSayWhetherTheLatestPassesTodayAtTheirFloor()
    {
        var model = ModelCard.Default.Embedder;
        var policy = PolicyDocument.Parse("""
            { "version": "audits-1", "rules": [
              { "id": "floor-and-audit", "effect": { "minThreshold": 99, "biasAuditRequired": true } },
              { "id": "audit-without-floor", "effect": { "biasAuditRequired": { "maxAgeDays": 90 } } }
            ] }
            """);
        var inputs = Inputs(Example(), audits: [BiasAudits.Demographics("audit-2021-01", model, new DateTimeOffset(2021, 1, 20, 0, 0, 0, TimeSpan.Zero))]) with { Policy = policy };

        var markdown = MarkdownReportRenderer.Render(AccountabilityReport.Build(inputs));

        Assert.Contains("| floor-and-audit | a demographics audit at most 365 days old whose worst group's false-match rate is at most 10x the calibrated rate | 99 (the rule's floor) | PASSES: demographics audit audit-2021-01 of 2021-01-20 passes", markdown);
        Assert.Contains("| audit-without-floor | a demographics audit at most 90 days old whose worst group's false-match rate is at most 10x the calibrated rate | 80 (Rekognition's default; the rule sets no floor) | FAILS (a request at this threshold is refused): in demographics audit audit-2021-01 of 2021-01-20, at threshold 80", markdown);
        Assert.Contains($"Rules requiring a passing bias audit of face model {model}, checked against the latest demographics audit recorded (audit-2021-01)", markdown);

        var none = MarkdownReportRenderer.Render(AccountabilityReport.Build(inputs with { BiasAudits = [] }));
        Assert.Contains($"| floor-and-audit | a demographics audit at most 365 days old whose worst group's false-match rate is at most 10x the calibrated rate | 99 (the rule's floor) | FAILS (a request at this threshold is refused): no demographics audit of model {model} is recorded", none);
        Assert.Contains("(none recorded)", none);
    }
}
