using Likeness.Governance.Enforcement;
using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;
using Likeness.Server.Operations;
using Likeness.Server.Protocol;

namespace Likeness.Server.Console;

/// <summary>
/// The use policy: the one in force, what it would decide for an imagined request (by the same checks a real request
/// meets, with nothing recorded), validation of a draft, and replacing it (governance role; recorded in the trail).
/// </summary>
public sealed partial class ConsoleOperations
{
    // A policy is a hand-written document of a few dozen rules; 1 MiB is far beyond any real one and well inside the request limit.
    private const int MaxPolicyCharacters = 1024 * 1024;

    private object GetPolicy()
    {
        var source = _governor.Policy.Source;
        var document = _governor.Policy.Current.Document;
        return new
        {
            document.Version,
            Source = source,
            Document = document.Json,
            Rules = document.Rules.Select(r => new { r.Id, Effect = r.Effect.ToString(), r.Effect.Reason }).ToList(),
        };
    }

    private object SimulatePolicy(ConsoleCaller caller, ConsoleRequest request)
    {
        var operation = request.Required("Operation", 64);
        if (!ServiceModel.Rekognition.Operations.ContainsKey(operation))
        {
            throw ConsoleRequest.Invalid("Operation", $"must be a Rekognition operation Likeness serves, such as SearchFacesByImage; got '{operation}'");
        }
        var useCase = request.OneOf("UseCase", UseCases.All) ?? _governor.Profiles.BoundUseCase(caller.AccessKeyId);
        var caseId = request.String("CaseId", 128);
        var threshold = request.Number("Threshold", 0, 100);
        var date = request.Date("Date");
        var sectorName = request.OneOf("Sector", PolicyNames.Sectors);
        var jurisdictionText = request.String("Jurisdiction", 200);
        var organisation = request.String("Organisation", 200);
        var approved = request.Boolean("UseCaseApproved");

        // The caller's own profile, with what the request imagines laid over it.
        var profile = _governor.Profiles.Get(caller.AccountId);
        if (sectorName is not null && PolicyNames.TryParseSector(sectorName, out var sector)) profile = profile with { Sector = sector };
        if (jurisdictionText is not null)
        {
            profile = profile with
            {
                Jurisdiction = ConsoleJurisdiction.Parse(jurisdictionText)
                    ?? throw ConsoleRequest.Invalid("Jurisdiction", $"must be COUNTRY[-REGION[-CITY]] with a two-letter country code, e.g. US-CA-San Francisco; got '{jurisdictionText}'"),
            };
        }
        if (organisation is not null) profile = profile with { Organisation = organisation };
        if (approved is { } isApproved)
        {
            if (useCase is null) throw ConsoleRequest.Invalid("UseCaseApproved", "needs a use case: give UseCase, or sign with a key bound to one");
            profile = profile with
            {
                UseCases = [.. profile.UseCases.Where(u => u.UseCase != useCase), new RegisteredUseCase(useCase, isApproved ? UseCaseStatus.Approved : UseCaseStatus.Pending)],
            };
        }
        // A date is judged from its first moment (UTC), as `likeness policy explain --date` does; no date means now.
        var time = date is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : _time.GetUtcNow();
        var verdict = _governor.Simulate(new PolicyRequest(profile, useCase, caseId, Governor.ClassOf(operation), time),
            operation, threshold, RekognitionOperations.Threshold(operation).Default);
        var decision = verdict.Decision;
        return new
        {
            decision.Allowed,
            decision.DecidingRule,
            decision.Reason,
            decision.MinThreshold,
            decision.HumanReviewRequired,
            decision.CaseIdRequired,
            decision.BiasAuditRequired,
            decision.MatchedRules,
            decision.PolicyVersion,
            verdict.Refusal,
        };
    }

    private static object ValidatePolicy(ConsoleRequest request)
    {
        var json = request.Required("Document", MaxPolicyCharacters, multiline: true);
        try
        {
            var document = PolicyDocument.Parse(json);
            return new { Valid = true, Errors = Array.Empty<object>(), document.Version };
        }
        catch (PolicyException e)
        {
            return new { Valid = false, Errors = new object[] { new { Path = e.JsonPath ?? "$", Message = e.Problem } }, Version = (string?)null };
        }
    }

    private object PutPolicy(ConsoleCaller caller, ConsoleRequest request)
    {
        caller.Require(KeyRoles.Governance, "PutPolicy");
        var json = request.Required("Document", MaxPolicyCharacters, multiline: true);
        try
        {
            return new { _governor.ReplacePolicy(json, new CallerContext(caller.AccountId, caller.AccessKeyId)).Version };
        }
        catch (PolicyException e)
        {
            throw AwsErrorException.InvalidParameter($"Document is not a valid policy, so the policy in force is unchanged: {e.Message}");
        }
    }
}
