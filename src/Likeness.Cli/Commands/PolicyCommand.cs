using System.Globalization;
using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness policy explain|validate|show`: the use policy without the server. `explain` walks one imagined
/// request through the rules, `validate` checks a file before it is deployed (the server refuses an invalid
/// change and keeps the old policy, so validating first is how an operator learns why), `show` prints it.
/// </summary>
public static class PolicyCommand
{
    public const string Usage = """
          likeness policy explain --sector S --operation O [--use-case U [--use-case-status approved|pending|rejected]]
                [--date YYYY-MM-DD] [--country US] [--region CA] [--city Oakland] [--organisation NAME] [--policy FILE]
                                                            the decision for such a request and the walk through the rules
          likeness policy validate FILE                     "valid: version X, N rules", or the problem and exit code 1
          likeness policy show [--policy FILE]              the policy in force (the default policy without --policy)
        """;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var action = CollectionContext.Required(args, 1, "likeness policy explain|validate|show");
        return action switch
        {
            "explain" => Explain(args, stdout, stderr),
            "validate" => Validate(args, stdout, stderr),
            "show" => Show(args, stdout, stderr),
            _ => throw new CliUsageException($"Unknown policy action '{action}'; use explain, validate or show."),
        };
    }

    private static int Explain(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var sectorName = args.Option("sector") ?? throw new CliUsageException($"--sector is required: {string.Join(", ", PolicyNames.Sectors)}.");
        if (!PolicyNames.TryParseSector(sectorName, out var sector))
            throw new CliUsageException($"Unknown sector '{sectorName}'; use {string.Join(", ", PolicyNames.Sectors)}.");
        var operationName = args.Option("operation") ?? throw new CliUsageException($"--operation is required: {string.Join(", ", PolicyNames.Operations)}.");
        if (!PolicyNames.TryParseOperation(operationName, out var operation))
            throw new CliUsageException($"Unknown operation '{operationName}'; use {string.Join(", ", PolicyNames.Operations)}.");
        var useCase = args.Option("use-case");
        var statusName = args.Option("use-case-status") ?? "approved";
        if (!Enum.TryParse<UseCaseStatus>(statusName, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            throw new CliUsageException($"Unknown use case status '{statusName}'; use approved, pending or rejected.");
        var dateText = args.Option("date");
        var date = DateOnly.FromDateTime(DateTime.UtcNow);
        if (dateText is not null && !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            throw new CliUsageException($"--date takes yyyy-MM-dd, not '{dateText}'.");
        // The default policy is written for US jurisdictions, so an explain without --country asks about the US.
        var jurisdiction = new Jurisdiction(args.Option("country") ?? "US", args.Option("region"), args.Option("city"));
        var organisation = args.Option("organisation") ?? "(unnamed)";
        var policyPath = args.Option("policy");
        args.RejectUnknownOptions();
        var document = Load(policyPath, stderr);
        if (document is null) return 1;

        IReadOnlyList<RegisteredUseCase> registered = useCase is null ? [] : [new RegisteredUseCase(useCase, status)];
        var profile = new AccountProfile("explain", organisation, sector, jurisdiction, registered);
        var request = new PolicyRequest(profile, useCase, null, operation, new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        stdout.Write(new PolicyEngine(document).Explain(request));
        return 0;
    }

    private static int Validate(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var path = CollectionContext.Required(args, 2, "likeness policy validate FILE");
        args.RejectUnknownOptions();
        var document = Load(path, stderr);
        if (document is null) return 1;
        stdout.WriteLine($"valid: version {document.Version}, {document.Rules.Count} rules");
        return 0;
    }

    private static int Show(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var policyPath = args.Option("policy");
        args.RejectUnknownOptions();
        var document = Load(policyPath, stderr);
        if (document is null) return 1;
        stdout.WriteLine(document.Json.TrimEnd());
        return 0;
    }

    // The policy file named, or the default policy; null after printing the one-line problem.
    private static PolicyDocument? Load(string? path, TextWriter stderr)
    {
        if (path is null) return PolicyDocument.Default;
        try
        {
            return PolicyDocument.Parse(File.ReadAllText(path));
        }
        catch (PolicyException e)
        {
            stderr.WriteLine($"invalid: {path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"likeness: cannot read {path}: {e.Message}");
        }
        return null;
    }
}
