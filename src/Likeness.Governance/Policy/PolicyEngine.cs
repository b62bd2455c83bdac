using System.Globalization;
using System.Text;
using Likeness.Governance.Audits;
using Likeness.Governance.Profiles;

namespace Likeness.Governance.Policy;

/// <summary>
/// Decides requests against one policy document, deterministically: (1) a named use case must be registered
/// and approved (built-in rule unapproved-use-case); (2) the first matching deny/allow rule in file order
/// decides, none means allowed; (3) every matching obligation rule applies, wherever it sits in the file.
/// </summary>
public sealed class PolicyEngine(PolicyDocument document)
{
    /// <summary>The reason given when no access rule matched.</summary>
    public const string NoRestrictionReason = "no rule restricts this request";

    /// <summary>The id of the built-in rule that denies a use case the account has not had approved.</summary>
    public const string UnapprovedUseCaseRule = PolicyDocumentParser.UnapprovedUseCaseRule;

    /// <summary>The policy this engine applies.</summary>
    public PolicyDocument Document { get; } = document ?? throw new ArgumentNullException(nameof(document));

    /// <summary>The decision for one request: allowed or denied, by which rule and why, and the obligations of every matching rule.</summary>
    public PolicyDecision Evaluate(PolicyRequest request) => Walk(request).Decision;

    /// <summary>
    /// The same evaluation as <see cref="Evaluate"/> in words, one line per rule in order: matched or not and why,
    /// which rule decided, and the obligations that apply.
    /// </summary>
    public string Explain(PolicyRequest request)
    {
        var walk = Walk(request);
        var decision = walk.Decision;
        var text = new StringBuilder();
        var profile = request.Profile;
        text.AppendLine($"Policy version {Document.Version}");
        text.AppendLine(
            $"Request: organisation '{profile.Organisation}', sector {PolicyNames.Of(profile.Sector)}, jurisdiction {PolicyNames.Describe(profile.Jurisdiction)}, " +
            $"use case {request.UseCase ?? "(none)"}, operation {PolicyNames.Of(request.Operation)}, date {PolicyMatch.Iso(PolicyMatch.DateOf(request.Time))}");
        text.AppendLine($"  0. {UnapprovedUseCaseRule} (built-in, deny): {walk.BuiltIn}");
        for (var i = 0; i < walk.Steps.Count; i++)
        {
            var (rule, mismatches) = walk.Steps[i];
            text.Append(CultureInfo.InvariantCulture, $"  {i + 1}. {rule.Id} ({rule.Effect}): ");
            if (mismatches.Count > 0) text.AppendLine("not matched: " + string.Join("; ", mismatches));
            else if (!rule.Effect.DecidesAccess) text.AppendLine("matched; its obligations apply");
            else if (rule.Id == decision.DecidingRule) text.AppendLine($"matched; DECIDES ({(decision.Allowed ? "allowed" : "denied")})");
            else text.AppendLine($"matched, but {decision.DecidingRule} already decided");
        }
        text.AppendLine(decision.DecidingRule is null
            ? $"Decision: allowed: {decision.Reason}"
            : $"Decision: {(decision.Allowed ? "allowed" : "denied")} by {decision.DecidingRule}: {decision.Reason}");
        var obligations = new List<string>();
        if (decision.MinThreshold is { } t) obligations.Add($"similarity threshold at least {t.ToString(CultureInfo.InvariantCulture)}");
        if (decision.HumanReviewRequired) obligations.Add("human review of every match");
        if (decision.CaseIdRequired) obligations.Add("a case id on the request");
        if (decision.BiasAudit is { } audit) obligations.Add($"a passing bias audit: {audit} (docs/POLICY.md, Bias audits)");
        text.Append("Obligations: ").AppendLine(obligations.Count == 0 ? "none" : string.Join("; ", obligations));
        return text.ToString();
    }

    private Evaluation Walk(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var matched = new List<string>();
        string? deciding = null;
        var allowed = true;
        var reason = NoRestrictionReason;
        string builtIn;
        if (request.UseCase is { } useCase && !request.Profile.IsApproved(useCase))
        {
            deciding = UnapprovedUseCaseRule;
            allowed = false;
            reason = UnapprovedReason(request.Profile, useCase);
            matched.Add(UnapprovedUseCaseRule);
            builtIn = "matched; DECIDES (denied)";
        }
        else
        {
            builtIn = request.UseCase is null ? "not matched: the request names no use case" : $"not matched: use case {request.UseCase} is approved";
        }

        double? threshold = null;
        bool review = false, caseId = false;
        BiasAuditRequirement? audit = null;
        var steps = new List<(PolicyRule, IReadOnlyList<string>)>(Document.Rules.Count);
        foreach (var rule in Document.Rules)
        {
            var mismatches = rule.Match.Mismatches(request);
            steps.Add((rule, mismatches));
            if (mismatches.Count > 0) continue;
            matched.Add(rule.Id);
            var effect = rule.Effect;
            if (effect.DecidesAccess)
            {
                if (deciding is not null) continue;
                deciding = rule.Id;
                allowed = effect.Kind == PolicyEffectKind.Allow;
                reason = effect.Reason!;
                continue;
            }
            // Obligations accumulate to the strictest: the highest floor, any rule's flag, the tightest audit requirement.
            if (effect.MinThreshold is { } t) threshold = Math.Max(threshold ?? t, t);
            review |= effect.HumanReview;
            caseId |= effect.CaseIdRequired;
            if (effect.BiasAudit is { } required) audit = audit?.Strictest(required) ?? required;
        }
        var decision = new PolicyDecision(allowed, deciding, reason, threshold, review, caseId, audit, matched, Document.Version);
        return new Evaluation(decision, builtIn, steps);
    }

    private static string UnapprovedReason(AccountProfile profile, string useCase)
    {
        var registered = profile.UseCases.FirstOrDefault(u => u.UseCase == useCase);
        return registered?.Status switch
        {
            UseCaseStatus.Pending => $"Use case '{useCase}' is pending approval for this account; only approved use cases may be used.",
            UseCaseStatus.Rejected => $"Use case '{useCase}' was rejected for this account.",
            _ => $"Use case '{useCase}' is not registered for this account; register it and have it approved first.",
        };
    }

    private sealed record Evaluation(PolicyDecision Decision, string BuiltIn, IReadOnlyList<(PolicyRule Rule, IReadOnlyList<string> Mismatches)> Steps);
}
