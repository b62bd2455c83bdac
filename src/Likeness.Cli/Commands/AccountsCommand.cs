using System.Text.Json;
using Likeness.Server.Auth;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness accounts create|list` and `likeness keys create|list|rotate|revoke`: the service's accounts
/// and their access keys, in the data directory the server uses (works while it runs). A secret is
/// printed once, when its key is created or rotated, and never again.
/// </summary>
public static class AccountsCommand
{
    public const string Usage = """
          likeness accounts create NAME | list [--data-dir DIR]
          likeness keys create ACCOUNT_ID | list [ACCOUNT_ID] | rotate ACCESS_KEY_ID | revoke ACCESS_KEY_ID [--data-dir DIR]
        """;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var noun = args.Positional[0];
        var action = CollectionContext.Required(args, 1, $"likeness {noun} create|list ...");
        var dataDirectory = args.Option("data-dir") ?? CollectionContext.DefaultDataDirectory();
        args.RejectUnknownOptions();
        string Argument(string what) => CollectionContext.Required(args, 2, $"likeness {noun} {action} {what}");
        Directory.CreateDirectory(dataDirectory);
        using var store = AccountStore.Open(dataDirectory, MasterKey.LoadOrCreate(dataDirectory));
        object result = (noun, action) switch
        {
            ("accounts", "create") => store.CreateAccount(Argument("NAME")),
            ("accounts", "list") => store.ListAccounts(),
            ("keys", "create") => store.CreateKey(Argument("ACCOUNT_ID")),
            ("keys", "list") => store.ListKeys(args.Positional.Count > 2 ? args.Positional[2] : null),
            ("keys", "rotate") => store.RotateKey(Argument("ACCESS_KEY_ID")),
            ("keys", "revoke") => Revoke(store, Argument("ACCESS_KEY_ID")),
            _ => throw new CliUsageException($"Unknown action '{action}' for `likeness {noun}`; see `likeness help`."),
        };
        stdout.WriteLine(JsonSerializer.Serialize(result, result.GetType(), Json));
        return 0;
    }

    private static object Revoke(AccountStore store, string accessKeyId)
    {
        store.RevokeKey(accessKeyId);
        return new { AccessKeyId = accessKeyId, Revoked = true };
    }
}
