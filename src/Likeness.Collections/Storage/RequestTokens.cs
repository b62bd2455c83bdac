using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Likeness.Collections.Storage;

/// <summary>
/// ClientRequestToken idempotency: the first call with a token runs and its response is kept; a retry
/// with the same token and the same parameters gets that response again without acting twice; the same
/// token with other parameters is IdempotentParameterMismatchException. Runs inside the caller's write
/// transaction, so the response is kept if and only if the work is committed.
/// </summary>
internal static class RequestTokens
{
    public static T Once<T>(SqliteConnection connection, SqliteTransaction transaction, string account, string operation, string? token, object parameters, Func<T> work)
    {
        if (token is null) return work();
        var fingerprint = JsonSerializer.Serialize(parameters);
        using (var command = Sql.Command(connection, transaction,
            "SELECT fingerprint, response FROM request_tokens WHERE account = $a AND operation = $o AND token = $t",
            ("$a", account), ("$o", operation), ("$t", token)))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                if (!string.Equals(reader.GetString(0), fingerprint, StringComparison.Ordinal))
                {
                    throw new CollectionException(CollectionErrorCode.IdempotentParameterMismatch,
                        $"ClientRequestToken {token} was already used for a {operation} with other parameters; use a new token.");
                }
                return JsonSerializer.Deserialize<T>(reader.GetString(1))!;
            }
        }
        var result = work();
        Sql.Execute(connection, transaction,
            "INSERT INTO request_tokens (account, operation, token, fingerprint, response, created_ms) VALUES ($a, $o, $t, $f, $r, $now)",
            ("$a", account), ("$o", operation), ("$t", token), ("$f", fingerprint), ("$r", JsonSerializer.Serialize(result)), ("$now", Sql.NowMilliseconds()));
        return result;
    }
}
