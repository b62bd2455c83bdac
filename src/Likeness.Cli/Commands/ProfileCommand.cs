using System.Text.Json;
using System.Text.Json.Serialization;
using Likeness.Governance.Enforcement;
using Likeness.Governance.Profiles;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness profile set|use-case|show`: who an account is for the use policy (organisation, sector,
/// jurisdiction) and which use cases it registered and had approved. The governance officer's verbs.
/// </summary>
public static class ProfileCommand
{
    public const string Usage = """
          likeness profile set ACCOUNT_ID --organisation NAME --sector law-enforcement|other-government|commercial|nonprofit|research --country CC [--region R] [--city C]
          likeness profile use-case ACCOUNT_ID USE_CASE --status approved|pending|rejected
          likeness profile show ACCOUNT_ID
          likeness keys bind ACCESS_KEY_ID USE_CASE                  requests signed with the key use that use case unless they name one
        """;

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var action = CollectionContext.Required(args, 1, "likeness profile set|use-case|show ACCOUNT_ID ...");
        var account = CollectionContext.Required(args, 2, $"likeness profile {action} ACCOUNT_ID ...");
        var dataDirectory = args.Option("data-dir") ?? CollectionContext.DefaultDataDirectory();
        var organisation = args.Option("organisation");
        var sectorText = args.Option("sector");
        var country = args.Option("country");
        var region = args.Option("region");
        var city = args.Option("city");
        var statusText = args.Option("status");
        args.RejectUnknownOptions();
        using var governor = Governor.Open(dataDirectory);
        AccountProfile profile;
        switch (action)
        {
            case "set":
                if (organisation is null || sectorText is null || country is null) throw new CliUsageException("`likeness profile set` needs --organisation, --sector and --country.");
                profile = governor.Profiles.Set(account, organisation, Parse<Sector>(sectorText, "--sector"), new Jurisdiction(country, region, city));
                break;
            case "use-case":
                var useCase = CollectionContext.Required(args, 3, "likeness profile use-case ACCOUNT_ID USE_CASE --status approved|pending|rejected");
                if (!UseCases.All.Contains(useCase)) throw new CliUsageException($"Unknown use case '{useCase}'; one of: {string.Join(", ", UseCases.All)}.");
                profile = governor.Profiles.SetUseCase(account, useCase, Parse<UseCaseStatus>(statusText ?? throw new CliUsageException("--status is required: approved, pending or rejected."), "--status"));
                break;
            case "show":
                profile = governor.Profiles.Get(account);
                break;
            default:
                throw new CliUsageException($"Unknown profile action '{action}'; use set, use-case or show.");
        }
        stdout.WriteLine(JsonSerializer.Serialize(profile, Json));
        return 0;
    }

    /// <summary>An enum value from its kebab-case name (law-enforcement → LawEnforcement).</summary>
    internal static T Parse<T>(string text, string option) where T : struct, Enum
    {
        var name = string.Concat(text.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        return Enum.TryParse<T>(name, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new CliUsageException($"{option} takes one of {string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.KebabCaseLower.ConvertName))}, not '{text}'.");
    }
}
