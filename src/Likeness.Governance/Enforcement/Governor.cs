using System.Security.Cryptography;
using System.Text;
using Likeness.Governance.Audits;
using Likeness.Governance.AuditTrail;
using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;
using Likeness.Governance.Review;

namespace Likeness.Governance.Enforcement;

/// <summary>
/// The use policy, enforced around every face and collection operation, for the server and the CLI alike:
/// <see cref="Begin"/> decides (and records a refusal) before the operation runs, <see cref="Complete"/>
/// records what it did and queues candidate matches for human review when a rule requires it.
/// Obligations are enforced, not advised: a missing case id, a threshold under the floor or a missing
/// bias audit refuse the request, naming the rule.
/// </summary>
public sealed class Governor : IDisposable
{
    private readonly GovernanceDatabase _database;
    private readonly Func<DateTimeOffset> _clock;

    private Governor(GovernanceDatabase database, PolicyProvider policy, AuditTrail.AuditTrail trail, Func<DateTimeOffset>? clock, string? faceModelId)
    {
        _database = database;
        Policy = policy;
        Trail = trail;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        FaceModelId = faceModelId;
        Profiles = new ProfileStore(database);
        Reviews = new ReviewQueue(database, trail);
        Audits = new BiasAuditStore(database, trail, _clock);
        Roles = new KeyRoleStore(database, trail, _clock);
    }

    /// <summary>Account profiles, their use cases and key bindings.</summary>
    public ProfileStore Profiles { get; }

    /// <summary>Candidate matches awaiting human review, and the reviewers.</summary>
    public ReviewQueue Reviews { get; }

    /// <summary>The audits of face models recorded on this installation; biasAuditRequired rules are checked against them.</summary>
    public BiasAuditStore Audits { get; }

    /// <summary>The hash-chained record of every operation and decision.</summary>
    public AuditTrail.AuditTrail Trail { get; }

    /// <summary>The live use policy.</summary>
    public PolicyProvider Policy { get; }

    /// <summary>The roles operators granted access keys (reviewer, governance).</summary>
    public KeyRoleStore Roles { get; }

    /// <summary>The trail operation of a policy replaced through <see cref="ReplacePolicy"/>.</summary>
    public const string PutPolicyOperation = "PutPolicy";

    /// <summary>The embedder model id the service identifies faces with, whose audits biasAuditRequired rules need; null when the host did not say.</summary>
    public string? FaceModelId { get; }

    /// <summary>
    /// Opens the governance stores in <paramref name="dataDirectory"/> with the policy file at <paramref name="policyPath"/>
    /// (null: the data directory's policy.json, <see cref="PolicyProvider.DataDirectoryFileName"/>, whenever it exists, else the
    /// shipped default policy). <paramref name="faceModelId"/> is the embedder the host identifies faces with
    /// (FaceEmbedderSpec.ModelId): the model a biasAuditRequired rule needs an audit of. Without it such rules refuse every request they match.
    /// </summary>
    public static Governor Open(string dataDirectory, string? policyPath = null, Action<string>? warn = null, Func<DateTimeOffset>? clock = null, string? faceModelId = null)
    {
        var database = GovernanceDatabase.Open(dataDirectory);
        try
        {
            var policy = policyPath is null
                ? PolicyProvider.Optional(Path.Combine(dataDirectory, PolicyProvider.DataDirectoryFileName), warn)
                : new PolicyProvider(policyPath, warn);
            return new Governor(database, policy, AuditTrail.AuditTrail.Open(dataDirectory), clock, faceModelId);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>The class policies see an operation as.</summary>
    public static OperationClass ClassOf(string operation) => operation switch
    {
        "DetectFaces" => OperationClass.Analysis,
        "CompareFaces" => OperationClass.Comparison,
        "SearchFaces" or "SearchFacesByImage" or "SearchUsers" or "SearchUsersByImage" => OperationClass.Identification,
        "IndexFaces" or "CreateUser" or "AssociateFaces" => OperationClass.Indexing,
        _ => OperationClass.Management,
    };

    /// <summary>
    /// Decides whether <paramref name="operation"/> may run for <paramref name="caller"/> at <paramref name="threshold"/>
    /// (the request's similarity threshold; null where the operation has none or the default applies,
    /// given as <paramref name="defaultThreshold"/>). Throws <see cref="AccessDeniedException"/>, recorded in the trail, when it may not.
    /// </summary>
    public GovernedCall Begin(CallerContext caller, string operation, string? collectionId, double? threshold, double? defaultThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var useCase = caller.UseCase ?? (caller.AccessKeyId is null ? null : Profiles.BoundUseCase(caller.AccessKeyId));
        var request = new PolicyRequest(Profiles.Get(caller.AccountId), useCase, caller.CaseId, ClassOf(operation), _clock());
        var verdict = Judge(request, operation, threshold ?? defaultThreshold);
        var call = new GovernedCall(caller, operation, request.Operation, collectionId, verdict.Threshold, useCase, verdict.Decision, verdict.BiasAuditId);
        if (verdict.RefusingRule is { } rule)
        {
            Trail.Append(new AuditEntry(_clock(), caller.AccountId, caller.AccessKeyId, useCase, caller.CaseId, operation, collectionId,
                verdict.Threshold, null, null, null, "denied", rule, verdict.RefusalReason));
            throw new AccessDeniedException(rule, verdict.Refusal!);
        }
        return call;
    }

    /// <summary>
    /// What <see cref="Begin"/> would decide for <paramref name="request"/> (a profile, use case, case id, operation class and
    /// time, any of them imagined) running <paramref name="operation"/> at <paramref name="threshold"/> (null: <paramref name="defaultThreshold"/>),
    /// by the same checks in the same order, with nothing recorded: the policy's decision and, when the request would be
    /// refused, the rule and the message AccessDeniedException would carry.
    /// </summary>
    public PolicyVerdict Simulate(PolicyRequest request, string operation, double? threshold, double? defaultThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        return Judge(request, operation, threshold ?? defaultThreshold);
    }

    /// <summary>
    /// Replaces the use policy with <paramref name="json"/>: validated first (<see cref="PolicyException"/>, and nothing changes, when
    /// it is invalid), then a "PutPolicy" trail record names the caller, the new version and the SHA-256 of the text, then the text
    /// is written atomically to the policy file (<see cref="PolicyProvider.Save"/>) and is in force when this returns, which
    /// returns it. InvalidOperationException when the policy has no file (a provider of the default policy only).
    /// </summary>
    public PolicyDocument ReplacePolicy(string json, CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(caller);
        var document = PolicyDocument.Parse(json);
        var path = Policy.FilePath ?? throw new InvalidOperationException("The policy in force is the built-in default with no policy file to write; start the service with a data directory or --policy FILE.");
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document.Json)));
        // Recorded before the file is written, as bias audits are: a write that fails after the record leaves a trail naming a
        // version that is not in force, which a reader notices; a policy in force with no record would go unnoticed.
        Trail.Append(new AuditEntry(_clock(), caller.AccountId, caller.AccessKeyId, null, null, PutPolicyOperation, null, null, null, null, null,
            "recorded", null, $"policy version {document.Version} (was {Policy.Current.Document.Version}), sha256 {sha}, written to {path}"));
        Policy.Save(document);
        return document;
    }

    /// <summary>
    /// Records a completed operation in the trail; with human review required and candidates found,
    /// queues each candidate and returns the review ids (empty otherwise).
    /// </summary>
    public IReadOnlyList<string> Complete(GovernedCall call, int? resultCount, long? gallerySize, string? modelVersion, IReadOnlyList<(string FaceId, double Similarity)>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        IReadOnlyList<string> reviews = [];
        if (call.Decision.HumanReviewRequired && candidates is { Count: > 0 })
        {
            reviews = Reviews.Enqueue(call.Caller.AccountId, call.Caller.CaseId, call.UseCase, call.Operation, call.CollectionId, candidates);
        }
        Trail.Append(new AuditEntry(_clock(), call.Caller.AccountId, call.Caller.AccessKeyId, call.UseCase, call.Caller.CaseId, call.Operation, call.CollectionId,
            call.Threshold, gallerySize, modelVersion, resultCount, reviews.Count > 0 ? "allowed-pending-review" : "allowed", call.Decision.DecidingRule,
            Detail(reviews.Count > 0 ? $"{reviews.Count} candidate(s) queued for human review" : null, call.BiasAuditId is { } audit ? $"bias audit {audit} passed" : null)));
        return reviews;
    }

    /// <summary>
    /// Begin, run <paramref name="work"/>, Complete: the one call the server and the CLI wrap every
    /// operation in. <paramref name="describe"/> turns the result into what the trail records
    /// (default <see cref="Outcome.Of"/>); <paramref name="gallerySize"/> gives the searched gallery's size
    /// for identifications. Returns the result and the review ids of candidates queued for review.
    /// </summary>
    public (T Result, IReadOnlyList<string> Reviews) Run<T>(CallerContext caller, string operation, string? collectionId, double? threshold, double? defaultThreshold,
        Func<T> work, Func<T, Outcome>? describe = null, Func<long?>? gallerySize = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        var call = Begin(caller, operation, collectionId, threshold, defaultThreshold);
        var result = work();
        if (!Recorded(call.Class, operation)) return (result, []);
        var outcome = describe?.Invoke(result) ?? Outcome.Of(result!);
        var gallery = call.Class == OperationClass.Identification ? gallerySize?.Invoke() : null;
        return (result, Complete(call, outcome.ResultCount, gallery, outcome.ModelVersion, outcome.Candidates));
    }

    /// <summary>Analysis and read-only listings are not recorded (they identify no one and change nothing); everything else is.</summary>
    public static bool Recorded(OperationClass operationClass, string operation) =>
        operationClass is not OperationClass.Analysis && !operation.StartsWith("List", StringComparison.Ordinal) && !operation.StartsWith("Describe", StringComparison.Ordinal);

    public void Dispose()
    {
        Policy.Dispose();
        Trail.Dispose();
        _database.Dispose();
    }

    // Begin's checks in order, against one engine (a reload in between must not pair one policy's decision with another's rules).
    private PolicyVerdict Judge(PolicyRequest request, string operation, double? threshold)
    {
        var engine = Policy.Current;
        var decision = engine.Evaluate(request);
        PolicyVerdict Refuse(string rule, string reason, string? auditId = null) =>
            new(decision, threshold, rule, reason, $"Denied by policy rule {rule} (policy {decision.PolicyVersion}): {reason}", auditId);

        if (!decision.Allowed) return Refuse(decision.DecidingRule ?? "policy", decision.Reason);
        if (decision.CaseIdRequired && string.IsNullOrWhiteSpace(request.CaseId))
        {
            return Refuse(ObligationRule(engine, decision, e => e.CaseIdRequired), $"this use requires a case id: send the header x-likeness-case-id (docs/POLICY.md) naming the case the {operation} is for");
        }
        if (decision.MinThreshold is { } floor && threshold is { } asked && asked < floor)
        {
            return Refuse(ObligationRule(engine, decision, e => e.MinThreshold == floor), $"this use requires a similarity threshold of at least {floor:G}; the request asked for {asked:G}. Send the threshold explicitly (e.g. FaceMatchThreshold {floor:G})");
        }
        if (decision.BiasAudit is { } requirement)
        {
            var (check, rule) = CheckBiasAudit(engine, decision, requirement, threshold, request.Time);
            if (!check.Passed) return Refuse(rule, $"this use requires a passing bias audit of the face model: {check.Reason}", check.AuditId);
            return new PolicyVerdict(decision, threshold, null, null, null, check.AuditId);
        }
        return new PolicyVerdict(decision, threshold, null, null, null, null);
    }

    /// <summary>
    /// Checks the latest demographics audit of the face model against the decision's (strictest) requirement; on failure
    /// names the first matched rule whose own requirement fails too (the combined one fails exactly when some rule's does).
    /// </summary>
    private (BiasAuditCheckResult Check, string Rule) CheckBiasAudit(PolicyEngine engine, PolicyDecision decision, BiasAuditRequirement requirement, double? threshold, DateTimeOffset now)
    {
        var rule = ObligationRule(engine, decision, e => e.BiasAuditRequired);
        if (FaceModelId is null)
        {
            return (new BiasAuditCheckResult(false, "the service was started without naming its face model, so no audit can be matched to it"), rule);
        }
        var latest = Audits.Latest(BiasAuditKinds.Demographics, FaceModelId);
        var check = BiasAuditCheck.Evaluate(latest, requirement, threshold, FaceModelId, now);
        if (check.Passed) return (check, rule);
        var failing = engine.Document.Rules
            .Where(r => decision.MatchedRules.Contains(r.Id) && r.Effect.BiasAudit is { } own && !BiasAuditCheck.Evaluate(latest, own, threshold, FaceModelId, now).Passed)
            .Select(r => r.Id).FirstOrDefault();
        return (check, failing ?? rule);
    }

    private static string? Detail(params string?[] parts) => parts.Any(p => p is not null) ? string.Join("; ", parts.OfType<string>()) : null;

    /// <summary>The first matched rule whose obligation <paramref name="imposes"/> the one being enforced.</summary>
    private static string ObligationRule(PolicyEngine engine, PolicyDecision decision, Func<PolicyEffect, bool> imposes) =>
        engine.Document.Rules.Where(r => decision.MatchedRules.Contains(r.Id) && !r.Effect.DecidesAccess && imposes(r.Effect)).Select(r => r.Id).FirstOrDefault() ?? "policy";
}
