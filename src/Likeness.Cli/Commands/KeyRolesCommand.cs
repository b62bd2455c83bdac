using System.Text.Json;
using Likeness.Governance.Enforcement;
using Likeness.Governance.Profiles;
using Likeness.Server.Auth;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness keys role add|remove|list`: the installation-level roles of access keys. A reviewer key decides human
/// review as a registered reviewer; a governance key reads every account's audit trail, replaces the use policy and
/// reads the accountability report in the web console. Grants and removals are chained into the audit trail and
/// apply to the running server at its next request.
/// </summary>
public static class KeyRolesCommand
{
    public const string Usage = """
          likeness keys role add ACCESS_KEY_ID reviewer --reviewer-id ID | add ACCESS_KEY_ID governance
          likeness keys role remove ACCESS_KEY_ID ROLE | list [ACCESS_KEY_ID] [--data-dir DIR]
                                                      what a key may do in the web console beyond its own account
        """;

    private const string AddUsage = "likeness keys role add ACCESS_KEY_ID reviewer --reviewer-id ID | add ACCESS_KEY_ID governance";

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var action = CollectionContext.Required(args, 2, "likeness keys role add|remove|list ...");
        var dataDirectory = args.Option("data-dir") ?? CollectionContext.DefaultDataDirectory();
        var reviewerId = args.Option("reviewer-id");
        args.RejectUnknownOptions();
        object result;
        switch (action)
        {
            case "add":
            {
                var key = CollectionContext.Required(args, 3, AddUsage);
                var role = Role(CollectionContext.Required(args, 4, AddUsage));
                if (role == KeyRoles.Reviewer && reviewerId is null) throw new CliUsageException("The reviewer role needs --reviewer-id ID: the registered reviewer (`likeness review reviewer list`) the key decides as.");
                if (role != KeyRoles.Reviewer && reviewerId is not null) throw new CliUsageException($"--reviewer-id goes with the reviewer role only, not {role}.");
                RequireActiveKey(dataDirectory, key);
                using var governor = Governor.Open(dataDirectory);
                try
                {
                    result = governor.Roles.Grant(key, role, reviewerId);
                }
                catch (InvalidOperationException e)
                {
                    stderr.WriteLine($"likeness: {e.Message}");
                    return 1;
                }
                break;
            }
            case "remove":
            {
                var key = CollectionContext.Required(args, 3, "likeness keys role remove ACCESS_KEY_ID ROLE");
                var role = Role(CollectionContext.Required(args, 4, "likeness keys role remove ACCESS_KEY_ID ROLE"));
                using var governor = Governor.Open(dataDirectory);
                // A role that was not there is an error, not a quiet success: a mistyped key id must not look like a removal.
                if (!governor.Roles.Remove(key, role))
                {
                    stderr.WriteLine($"likeness: access key {key} does not hold the {role} role (`likeness keys role list`).");
                    return 1;
                }
                result = new { AccessKeyId = key, Role = role, Removed = true };
                break;
            }
            case "list":
            {
                using var governor = Governor.Open(dataDirectory);
                result = governor.Roles.List(args.Positional.Count > 3 ? args.Positional[3] : null);
                break;
            }
            default:
                throw new CliUsageException($"Unknown action '{action}' for `likeness keys role`; use add, remove or list.");
        }
        stdout.WriteLine(JsonSerializer.Serialize(result, result.GetType(), ProfileCommand.Json));
        return 0;
    }

    private static string Role(string text) =>
        KeyRoles.All.Contains(text, StringComparer.Ordinal) ? text : throw new CliUsageException($"Unknown role '{text}'; use {string.Join(" or ", KeyRoles.All)}.");

    // Roles live in governance.db and keys in accounts.db; a grant to a key that cannot sign anything would only mislead.
    private static void RequireActiveKey(string dataDirectory, string accessKeyId)
    {
        Directory.CreateDirectory(dataDirectory);
        using var accounts = AccountStore.Open(dataDirectory, MasterKey.LoadOrCreate(dataDirectory));
        var key = accounts.ListKeys().FirstOrDefault(k => k.AccessKeyId == accessKeyId) ?? throw new AccountException($"No access key {accessKeyId} (`likeness keys list`).");
        if (key.Revoked is not null) throw new AccountException($"Access key {accessKeyId} is revoked; grant the role to an active key.");
    }
}
