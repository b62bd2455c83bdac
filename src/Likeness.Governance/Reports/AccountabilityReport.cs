using System.Globalization;
using Likeness.Governance.Audits;
using Likeness.Governance.Enforcement;
using Likeness.Governance.Policy;
using Likeness.Governance.Review;
using Likeness.Vision.Faces.Detection;

namespace Likeness.Governance.Reports;

/// <summary>
/// The accountability report Washington's RCW 43.386.020(2) requires before an agency uses a facial recognition
/// service, sections (a)-(h), filled from the agency's configuration, the model card, the enforced policy, the
/// audit trail, the human review queue and the calibrated false-match rates. An answer the agency has not
/// given is printed as NOT PROVIDED with the paragraph requiring it, never left blank. Pure: no I/O.
/// </summary>
public static class AccountabilityReport
{
    /// <summary>The statute the report's sections follow.</summary>
    public const string Statute = "RCW 43.386.020";

    /// <summary>Printed when no demographic audit has run on this installation.</summary>
    public const string NoDemographicAudit = "No demographic audit has been run on this installation.";

    /// <summary>The label of the blocks in (f) listing the audits recorded on this installation.</summary>
    public const string BiasAuditsLabel = "Bias audits";

    /// <summary>Rekognition's default Similarity threshold: what a rule without its own floor is checked at.</summary>
    private const double DefaultThreshold = 80;

    /// <summary>The text shown for an answer the configuration does not give.</summary>
    public static string NotProvided(string paragraph) => $"NOT PROVIDED — required by {Statute}(2)({paragraph})";

    /// <summary>The report document of <paramref name="inputs"/>.</summary>
    public static ReportDocument Build(AccountabilityReportInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var c = inputs.Configuration;
        var card = inputs.ModelCard;
        var policy = inputs.Policy;
        var usage = UsageReport.Summarise(inputs.Entries, _ => UsageReport.Unregistered, inputs.Verification);
        var sections = new List<ReportSection>
        {
            new("Summary", [
                Answer("Agency", c.AgencyName, "c"),
                Answer("Contact", c.Contact, "h"),
                new ReportParagraph($"{policy.Version} — {policy.Description}", "Use policy in force"),
                new ReportParagraph(UsageReport.ChainStatus(inputs.Verification), "Audit trail"),
                new ReportParagraph($"Face model {card.ModelVersion} ({card.Embedder}); figures measured {card.MeasuredOn}.", "Model"),
            ]),
            new("(a) Service, vendor, version, capabilities and limitations", [
                new ReportParagraph(card.Service, "Service"),
                new ReportParagraph(c.Vendor ?? card.Vendor, "Vendor"),
                new ReportParagraph($"face model {card.ModelVersion}: embedder {card.Embedder}; detector: {card.Detector}{DetectorScalesNote(inputs.DetectorScales)}", "Version"),
                List("Capabilities", card.Capabilities),
                List("Reasonably foreseeable capabilities outside the proposed use", card.ForeseeableCapabilities),
                List("Limitations", card.Limitations),
            ]),
            new("(b) Data inputs, how they are collected and processed, and data generated", [
                List("Data inputs", card.DataInputs),
                Answer("How the agency generates and collects the input data", c.DataCollection, "b"),
                List("Data the system generates", card.DataOutputs),
            ]),
            new("(c) Purpose, proposed use, decisions and benefits", [
                Answer("Purpose", c.Purpose, "c"),
                Answer("Proposed use", c.ProposedUse, "c"),
                Answer("Decisions it will be used to make or support", c.DecisionsSupported, "c"),
                Answer("Final or support decision system", c.DecisionType, "c"),
                Answer("Intended benefits, and the data or research demonstrating them", c.IntendedBenefits, "c"),
            ]),
            new("(d) Use and data management policy", [
                Answer("How, when, where and by whom it is deployed", c.DeploymentProtocol, "d"),
                Answer("Who may use it", c.AuthorisedUsers, "d"),
                Answer("Warrants", c.WarrantPolicy, "d"),
                Answer("Minimising collection beyond the purpose", c.DataMinimisation, "d"),
                Answer("Data integrity and retention", c.DataRetention, "d"),
                Answer("Rules and process required before each use", c.PreUseProcess, "d"),
                Answer("Training of personnel", c.TrainingProcedures, "d"),
                new ReportParagraph($"The service enforces policy {policy.Version} on every request: a denied request is refused and recorded; " +
                    "obligations (a similarity floor, human review, a case id, a passing bias audit) are enforced, not advised (docs/POLICY.md). Its rules, in the order they are evaluated:", "Enforced policy"),
                PolicyRules(policy),
                .. BiasAuditRequirementBlocks(inputs),
                .. policy.History.Count == 0 ? Array.Empty<ReportBlock>() : [new ReportTable(["date", "change"], [.. policy.History.Select(h => (IReadOnlyList<string>)[h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.Change])], "Policy history")],
                .. AuditTrailBlocks(usage),
                .. ReviewBlocks(inputs.Reviews, inputs.Reviewers, inputs.GeneratedAt),
            ]),
            new("(e) Data security", [
                Answer("Security measures", c.SecurityMeasures, "e"),
                Answer("Sharing of the service or its data with other entities", c.DataSharing, "e"),
                new ReportParagraph("Every operation and decision is appended to a hash-chained audit trail (SHA-256 over the previous record's hash and the record; docs/AUDIT-TRAIL.md); " +
                    $"any change, reordering or deletion breaks the chain. Status: {UsageReport.ChainStatus(inputs.Verification)} Last hash: {inputs.Verification.LastHash}.", "Audit trail integrity"),
            ]),
            new("(f) Testing procedures", [
                Answer("The agency's testing procedures, including operational testing", c.TestingProcedures, "f"),
                new ReportParagraph("The project's own measurements of the shipped models, each with the document that records it and the command that reproduces it:", "Measured accuracy"),
                Figures(card, "accuracy", "detection", "calibration"),
                .. BiasAuditBlocks(inputs.BiasAudits),
                FalseMatchExpectations(inputs),
                Answer("How the agency addresses error rates", c.ErrorRateResponse, "f"),
            ]),
            new("(g) Potential impacts on civil rights and liberties", [
                Answer("Potential impacts, including privacy and disparate impacts on marginalized communities", c.CivilLibertiesImpacts, "g"),
                new ReportParagraph("Measured differences between demographic groups (the project's figures; " + (inputs.BiasAudits.Count == 0
                    ? NoDemographicAudit.ToLowerInvariant().TrimEnd('.')
                    : $"this installation's own audits are listed in (f) under {BiasAuditsLabel}") + "):", "Disparate error rates"),
                Figures(card, "demographic"),
                Answer("Mitigations and steps to prevent unauthorized use", c.Mitigations, "g"),
                new ReportParagraph(EnforcedMitigations(policy), "Mitigations the service enforces"),
            ]),
            new("(h) Feedback", [
                Answer("Procedures for receiving and responding to feedback from affected individuals and the community", c.FeedbackProcedure, "h"),
                Answer("Contact", c.Contact, "h"),
            ]),
        };
        var missing = sections.SelectMany(s => s.Blocks).OfType<ReportParagraph>().Count(p => p.Missing);
        sections[0] = sections[0] with
        {
            Blocks = [.. sections[0].Blocks, new ReportParagraph(missing == 0
                ? "Every answer the statute asks of the agency is provided."
                : $"{missing} answer(s) the statute asks of the agency are NOT PROVIDED; they are marked below.", "Completeness", Missing: missing > 0)],
        };
        return new ReportDocument($"Accountability report — {c.AgencyName ?? "agency not named"}",
            $"Following {Statute}(2)(a)-(h). Generated {UsageReport.Stamp(inputs.GeneratedAt)} by Likeness.", sections);
    }

    private static ReportParagraph Answer(string label, string? value, string paragraph) =>
        string.IsNullOrWhiteSpace(value) ? new ReportParagraph(NotProvided(paragraph), label, Missing: true) : new ReportParagraph(value.Trim(), label);

    private static ReportParagraph List(string label, IReadOnlyList<string> items) => new(string.Join("\n", items.Select(i => "• " + i)), label);

    private static ReportTable PolicyRules(PolicyDocument policy) =>
        new(["#", "rule", "effect", "reason"],
            [.. policy.Rules.Select((r, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), r.Id, r.Effect.ToString(), r.Effect.Reason is null ? r.Description : $"{r.Description} ({r.Effect.Reason})"])],
            $"Rules of policy {policy.Version}");

    /// <summary>
    /// For each rule requiring a bias audit: its requirement, and whether the latest demographics audit of the model on
    /// the card meets it on the report's date, at the rule's own similarity floor (else Rekognition's default 80, what a
    /// request that sends no threshold is judged at).
    /// </summary>
    private static IEnumerable<ReportBlock> BiasAuditRequirementBlocks(AccountabilityReportInputs inputs)
    {
        var rules = inputs.Policy.Rules.Where(r => r.Effect.BiasAudit is not null).ToList();
        if (rules.Count == 0) yield break;
        var model = inputs.ModelCard.Embedder;
        var latest = inputs.BiasAudits.Where(a => a.Kind == BiasAuditKinds.Demographics && a.ModelId == model).MaxBy(a => a.CompletedAt);
        yield return new ReportTable(["rule", "requires", "checked at Similarity", $"on {inputs.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"],
            [.. rules.Select(r =>
            {
                var floor = r.Effect.MinThreshold;
                var check = BiasAuditCheck.Evaluate(latest, r.Effect.BiasAudit!, floor ?? DefaultThreshold, model, inputs.GeneratedAt);
                return (IReadOnlyList<string>)[r.Id, r.Effect.BiasAudit!.ToString(),
                    (floor ?? DefaultThreshold).ToString("0.##", CultureInfo.InvariantCulture) + (floor is null ? " (Rekognition's default; the rule sets no floor)" : " (the rule's floor)"),
                    (check.Passed ? "PASSES: " : "FAILS (a request at this threshold is refused): ") + check.Reason];
            })],
            $"Rules requiring a passing bias audit of face model {model}, checked against the latest demographics audit recorded ({latest?.Id ?? "none recorded"})");
    }

    /// <summary>The audits recorded on this installation, newest first: one table per audit with its figures per threshold.</summary>
    private static IEnumerable<ReportBlock> BiasAuditBlocks(IReadOnlyList<BiasAuditRecord> audits)
    {
        if (audits.Count == 0)
        {
            yield return new ReportParagraph("None recorded. " + NoDemographicAudit + " The figures in (g) are the project's measurements on public data sets, not on this agency's images. " +
                "`likeness audit demographics ... --record` records one.", BiasAuditsLabel);
            yield break;
        }
        yield return new ReportParagraph($"{UsageReport.N(audits.Count)} audit(s) recorded on this installation, newest first. Each names its report file and that file's SHA-256, " +
            "which was chained into the audit trail when the audit was recorded: a report changed afterwards no longer matches. The false-match rate is per impostor comparison; " +
            "the worst group's is shown with its 95% upper confidence bound and as a multiple of the rate the calibration states for the whole population.", BiasAuditsLabel);
        foreach (var audit in audits.OrderByDescending(a => a.CompletedAt))
        {
            var caption = $"{audit.CompletedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} — {audit.Kind} audit {audit.Id} of model {audit.ModelId}; " +
                $"dataset: {(audit.Dataset.Length == 0 ? "not stated" : audit.Dataset)}; report {audit.ReportPath} (SHA-256 {audit.ReportSha256}). {audit.Summary}";
            if (audit.Thresholds.Count == 0)
            {
                yield return new ReportParagraph(caption + " (no per-threshold figures)");
                continue;
            }
            yield return new ReportTable(["Similarity threshold", "worst group", "its false-match rate [95% upper] (false matches / pairs)", "best group's rate", "calibrated rate", "worst ÷ calibrated"],
                [.. audit.Thresholds.OrderBy(t => t.Threshold).Select(t => (IReadOnlyList<string>)[
                    t.Threshold.ToString("0.##", CultureInfo.InvariantCulture),
                    t.WorstGroup,
                    $"{BiasAuditCheck.Rate(t.WorstGroupFalseMatchRate)} [{BiasAuditCheck.Rate(t.WorstGroupUpper)}] ({UsageReport.N(t.WorstGroupFalseMatches)} / {UsageReport.N(t.Pairs)})",
                    $"{BiasAuditCheck.Rate(t.BestGroupFalseMatchRate)} ({t.BestGroup})",
                    BiasAuditCheck.Rate(t.CalibratedFalseMatchRate),
                    double.IsPositiveInfinity(t.RatioToCalibrated) ? "above (calibrated 0)" : t.RatioToCalibrated.ToString("0.#", CultureInfo.InvariantCulture) + "x"])],
                caption);
        }
    }

    private static ReportTable Figures(ModelCard card, params string[] topics) =>
        new(["figure", "value", "source", "command"],
            [.. topics.SelectMany(card.FiguresOn).Select(f => (IReadOnlyList<string>)[f.Label, f.Value, f.Source, f.Command])]);

    private static IEnumerable<ReportBlock> AuditTrailBlocks(UsageSummary usage)
    {
        yield return new ReportParagraph(UsageReport.ChainStatus(usage.Verification), "Audit trail (records kept of every use)");
        if (usage.Months.Count == 0)
        {
            yield return new ReportParagraph("The audit trail holds no records yet.");
            yield break;
        }
        var decisions = usage.Months.SelectMany(m => m.ByDecision).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        yield return new ReportTable(["decision", "records"],
            [.. UsageReport.Decisions.Concat(decisions.Keys.Except(UsageReport.Decisions).Order(StringComparer.Ordinal)).Where(decisions.ContainsKey)
                .Select(d => (IReadOnlyList<string>)[d, UsageReport.N(decisions[d])])],
            $"{UsageReport.N(usage.Records)} records, {usage.Months[0].Month} to {usage.Months[^1].Month}");
        yield return UsageReport.DecisionChart(usage);
    }

    private static IEnumerable<ReportBlock> ReviewBlocks(IReadOnlyList<ReviewItem> reviews, IReadOnlyList<Reviewer> reviewers, DateTimeOffset now)
    {
        long Count(string status) => reviews.Count(r => r.Status == status);
        yield return new ReportParagraph(
            $"{UsageReport.N(reviews.Count)} candidate matches queued for human review: {UsageReport.N(Count(ReviewQueue.Confirmed))} confirmed, " +
            $"{UsageReport.N(Count(ReviewQueue.Rejected))} rejected, {UsageReport.N(Count(ReviewQueue.Pending))} pending. A reviewer may decide only while their training is less than " +
            $"{ReviewQueue.TrainingValidity.TotalDays.ToString(CultureInfo.InvariantCulture)} days old.", "Human review");
        if (reviewers.Count == 0)
        {
            yield return new ReportParagraph("No reviewer is registered (`likeness review reviewer add`): no match can be confirmed.", "Reviewers", Missing: true);
            yield break;
        }
        yield return new ReportTable(["reviewer", "name", "role", "trained on", "training current", "decisions"],
            [.. reviewers.Select(r =>
            {
                var trained = r.TrainedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                var current = trained <= now.UtcDateTime && now.UtcDateTime - trained <= ReviewQueue.TrainingValidity;
                return (IReadOnlyList<string>)[r.ReviewerId, r.Name, r.Role, r.TrainedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), current ? "yes" : "no", UsageReport.N(reviews.Count(i => i.ReviewerId == r.ReviewerId))];
            })], "Reviewers");
    }

    /// <summary>
    /// The calibrated false-match rate and the false matches one search is expected to return, at Rekognition's
    /// default 80 and at each similarity floor of the policy, for the largest gallery searched in the trail
    /// (or, when none was, for the 25,000 mugshots of the ACLU's 2018 test, docs/THRESHOLDS.md).
    /// </summary>
    private static ReportTable FalseMatchExpectations(AccountabilityReportInputs inputs)
    {
        var searched = inputs.Entries.Where(e => Governor.ClassOf(e.Operation) == OperationClass.Identification && e.GallerySize is > 0).Select(e => e.GallerySize!.Value).DefaultIfEmpty(0).Max();
        var gallery = searched > 0 ? searched : 25_000;
        var galleryNote = searched > 0 ? "the largest gallery searched in the audit trail" : "no search is recorded in the audit trail; 25,000 faces is the gallery of the ACLU's 2018 test";
        var floors = inputs.Policy.Rules.Select(r => r.Effect.MinThreshold).OfType<double>();
        var thresholds = floors.Append(80).Distinct().Order().ToList();
        var calibration = inputs.Calibration;
        return new ReportTable(["Similarity threshold", "false-match rate per comparison", "measured or extrapolated", $"expected false matches per search of {UsageReport.N(gallery)} faces"],
            [.. thresholds.Select(t => (IReadOnlyList<string>)[
                t.ToString("0.##", CultureInfo.InvariantCulture) + (floors.Contains(t) ? " (policy floor)" : " (Rekognition's default)"),
                calibration.EstimatedFalseMatchRate(t).ToString("0.##E+0", CultureInfo.InvariantCulture),
                calibration.IsExtrapolated(t) ? "extrapolated" : "measured",
                calibration.ExpectedFalseMatches(t, gallery).ToString("0.####", CultureInfo.InvariantCulture)])],
            $"Calibrated false matches of face model {inputs.ModelCard.ModelVersion} (docs/THRESHOLDS.md), for {galleryNote}. The rates are for the whole calibration population; (g) shows how far groups differ.");
    }

    private static string EnforcedMitigations(PolicyDocument policy)
    {
        var floors = policy.Rules.Where(r => r.Effect.MinThreshold is not null).Select(r => $"{r.Id}: minimum Similarity {r.Effect.MinThreshold!.Value.ToString("0.##", CultureInfo.InvariantCulture)}").ToList();
        var review = policy.Rules.Where(r => r.Effect.HumanReview).Select(r => r.Id).ToList();
        var caseId = policy.Rules.Where(r => r.Effect.CaseIdRequired).Select(r => r.Id).ToList();
        var bias = policy.Rules.Where(r => r.Effect.BiasAuditRequired).Select(r => r.Id).ToList();
        var denials = policy.Rules.Where(r => r.Effect.Kind == PolicyEffectKind.Deny).Select(r => r.Id).ToList();
        string Of(List<string> ids) => ids.Count == 0 ? "no rule" : string.Join(", ", ids);
        return $"Denials: {Of(denials)}. Similarity floors: {(floors.Count == 0 ? "none" : string.Join("; ", floors))}. " +
               $"Human review of every candidate match: {Of(review)}. Case id required: {Of(caseId)}. Passing bias audit required: {Of(bias)}. " +
               "Use cases must be registered and approved for the account (built-in rule unapproved-use-case), and every use is recorded in the audit trail.";
    }

    /// <summary>What the report must add when the service runs the detector at other scales than the card's figures were measured at.</summary>
    private static string DetectorScalesNote(IReadOnlyList<float>? scales)
    {
        if (scales is null || BlazeFacePyramidDetector.AreDefaultScales(scales)) return "";
        static string Format(IEnumerable<float> passes) => string.Join("+", passes.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        return $". This service runs the detector at scales {Format(scales)} (`--detector-scales`), not the default {Format(BlazeFacePyramidDetector.DefaultScales)} that the detection figures below were measured at; docs/DETECTION.md gives the recall of other scales";
    }
}
