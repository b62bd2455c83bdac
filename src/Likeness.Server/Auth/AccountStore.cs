using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Likeness.Collections.Storage;
using Microsoft.Data.Sqlite;

namespace Likeness.Server.Auth;

/// <summary>
/// Accounts and their access keys in &lt;dataDirectory&gt;/accounts.db (SQLite, WAL, synchronous=FULL), shared
/// by the server and the CLI. Secrets are stored only sealed under the <see cref="MasterKey"/>
/// (AES-256-GCM, random nonce, the access key id as associated data). Thread-safe.
/// </summary>
public sealed class AccountStore : IDisposable
{
    /// <summary>The file name inside the data directory.</summary>
    public const string FileName = "accounts.db";

    private const int SchemaVersion = 1;
    private const int IdAttempts = 8;

    private readonly string _path;
    private readonly SqliteStore _store;
    private readonly MasterKey _masterKey;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);
    // Bumped after every revocation in this process commits, so a lookup that read the database
    // before the commit does not leave the revoked key in the cache.
    private long _revocations;

    private AccountStore(string path, MasterKey masterKey, TimeProvider clock)
    {
        _path = path;
        _masterKey = masterKey;
        _clock = clock;
        _store = SqliteStore.Open(path, SchemaVersion, Schema);
    }

    /// <summary>
    /// How long a cached key is trusted before <see cref="FindActiveKey"/> asks the database again whether
    /// it was revoked — the longest a revocation made by another process (the CLI) takes to apply here.
    /// </summary>
    public TimeSpan RevocationRecheck { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Opens (creating if needed) accounts.db in <paramref name="dataDirectory"/>. Throws InvalidOperationException
    /// when the database was written under a different master key, naming both keys' fingerprints.
    /// </summary>
    public static AccountStore Open(string dataDirectory, MasterKey masterKey) => Open(dataDirectory, masterKey, TimeProvider.System);

    internal static AccountStore Open(string dataDirectory, MasterKey masterKey, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(masterKey);
        Directory.CreateDirectory(dataDirectory);
        var store = new AccountStore(Path.GetFullPath(Path.Combine(dataDirectory, FileName)), masterKey, clock);
        try
        {
            store.RequireMasterKey();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>A new account with a fresh random 12-digit id. Names are 1-64 of [A-Za-z0-9 _.-] and unique.</summary>
    public Account CreateAccount(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!AccessKeyFormat.IsValidAccountName(name))
        {
            throw new AccountException($"Invalid account name '{name}': use 1-64 letters, digits, spaces, '_', '.' or '-', not starting or ending with a space.");
        }
        var created = Now();
        return Write((connection, transaction) =>
        {
            if (Sql.Exists(connection, transaction, "SELECT 1 FROM accounts WHERE name = $n", ("$n", name)))
            {
                throw new AccountException($"An account named '{name}' already exists.");
            }
            for (var attempt = 0; ; attempt++)
            {
                var id = AccessKeyFormat.NewAccountId();
                if (Sql.Exists(connection, transaction, "SELECT 1 FROM accounts WHERE account_id = $a", ("$a", id)))
                {
                    if (attempt < IdAttempts) continue;
                    throw new InvalidOperationException("Could not draw an unused account id; the random number generator is broken.");
                }
                Sql.Execute(connection, transaction, "INSERT INTO accounts (account_id, name, created_ms) VALUES ($a, $n, $c)",
                    ("$a", id), ("$n", name), ("$c", created.ToUnixTimeMilliseconds()));
                return new Account(id, name, created);
            }
        });
    }

    /// <summary>The account with id <paramref name="accountId"/>, or null.</summary>
    public Account? FindAccount(string accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return Read((connection, transaction) =>
        {
            using var command = Sql.Command(connection, transaction, "SELECT account_id, name, created_ms FROM accounts WHERE account_id = $a", ("$a", accountId));
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadAccount(reader) : null;
        });
    }

    /// <summary>Every account, oldest first.</summary>
    public IReadOnlyList<Account> ListAccounts() => Read((connection, transaction) =>
    {
        using var command = Sql.Command(connection, transaction, "SELECT account_id, name, created_ms FROM accounts ORDER BY created_ms, rowid");
        using var reader = command.ExecuteReader();
        var accounts = new List<Account>();
        while (reader.Read()) accounts.Add(ReadAccount(reader));
        return accounts;
    });

    /// <summary>A new active key for <paramref name="accountId"/>; its secret is returned here and never again. Unknown account → <see cref="AccountException"/>.</summary>
    public AccessKey CreateKey(string accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return Write((connection, transaction) =>
        {
            RequireAccount(connection, transaction, accountId);
            return InsertKey(connection, transaction, accountId, Now());
        });
    }

    /// <summary>
    /// A new key for the same account as <paramref name="accessKeyId"/>, which is revoked in the same
    /// transaction (so it stops working at once). Unknown or already revoked key → <see cref="AccountException"/>.
    /// </summary>
    public AccessKey RotateKey(string accessKeyId)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        try
        {
            return Write((connection, transaction) =>
            {
                var (accountId, revoked) = FindKeyRow(connection, transaction, accessKeyId)
                    ?? throw new AccountException($"No access key {accessKeyId}.");
                if (revoked) throw new AccountException($"Access key {accessKeyId} is revoked; create a new key for account {accountId} instead.");
                var now = Now();
                Sql.Execute(connection, transaction, "UPDATE access_keys SET revoked_ms = $r WHERE access_key_id = $k",
                    ("$r", now.ToUnixTimeMilliseconds()), ("$k", accessKeyId));
                return InsertKey(connection, transaction, accountId, now);
            });
        }
        finally
        {
            Forget(accessKeyId);
        }
    }

    /// <summary>Revokes <paramref name="accessKeyId"/> for good; revoking a revoked key does nothing. Unknown key → <see cref="AccountException"/>.</summary>
    public void RevokeKey(string accessKeyId)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        try
        {
            Write((connection, transaction) =>
            {
                _ = FindKeyRow(connection, transaction, accessKeyId) ?? throw new AccountException($"No access key {accessKeyId}.");
                Sql.Execute(connection, transaction, "UPDATE access_keys SET revoked_ms = $r WHERE access_key_id = $k AND revoked_ms IS NULL",
                    ("$r", Now().ToUnixTimeMilliseconds()), ("$k", accessKeyId));
                return 0;
            });
        }
        finally
        {
            Forget(accessKeyId);
        }
    }

    /// <summary>Keys (active and revoked, oldest first) of one account, or of all when <paramref name="accountId"/> is null. Unknown account → <see cref="AccountException"/>.</summary>
    public IReadOnlyList<AccessKeyInfo> ListKeys(string? accountId = null) => Read((connection, transaction) =>
    {
        if (accountId is not null) RequireAccount(connection, transaction, accountId);
        using var command = accountId is null
            ? Sql.Command(connection, transaction, "SELECT access_key_id, account_id, created_ms, revoked_ms FROM access_keys ORDER BY created_ms, rowid")
            : Sql.Command(connection, transaction, "SELECT access_key_id, account_id, created_ms, revoked_ms FROM access_keys WHERE account_id = $a ORDER BY created_ms, rowid", ("$a", accountId));
        using var reader = command.ExecuteReader();
        var keys = new List<AccessKeyInfo>();
        while (reader.Read())
        {
            keys.Add(new AccessKeyInfo(reader.GetString(0), reader.GetString(1), FromMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : FromMilliseconds(reader.GetInt64(3))));
        }
        return keys;
    });

    /// <summary>
    /// The decrypted key for request verification, or null when the key is unknown or revoked. Served from
    /// memory after the first lookup; revocations in this process apply at once, those by another process
    /// within <see cref="RevocationRecheck"/>. A secret that fails to decrypt (the row was altered) →
    /// <see cref="AccountException"/>.
    /// </summary>
    public KeyLookup? FindActiveKey(string accessKeyId)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        // Garbage ids never reach SQLite: an unauthenticated client chooses them.
        if (!AccessKeyFormat.IsWellFormedKeyId(accessKeyId)) return null;
        var now = Stopwatch.GetTimestamp();
        if (_cache.TryGetValue(accessKeyId, out var cached))
        {
            if (Stopwatch.GetElapsedTime(Volatile.Read(ref cached.CheckedAt), now) < RevocationRecheck) return cached.Lookup;
            var active = Read((connection, transaction) =>
                Sql.Exists(connection, transaction, "SELECT 1 FROM access_keys WHERE access_key_id = $k AND revoked_ms IS NULL", ("$k", accessKeyId)));
            if (active)
            {
                Volatile.Write(ref cached.CheckedAt, now);
                return cached.Lookup;
            }
            _cache.TryRemove(accessKeyId, out _);
            return null;
        }

        var revocationsBefore = Interlocked.Read(ref _revocations);
        var row = Read((connection, transaction) =>
        {
            using var command = Sql.Command(connection, transaction,
                "SELECT account_id, secret FROM access_keys WHERE access_key_id = $k AND revoked_ms IS NULL", ("$k", accessKeyId));
            using var reader = command.ExecuteReader();
            return reader.Read() ? (AccountId: reader.GetString(0), Sealed: (byte[])reader.GetValue(1)) : default;
        });
        if (row.AccountId is null) return null;
        var secret = _masterKey.Open(row.Sealed, Encoding.ASCII.GetBytes(accessKeyId))
            ?? throw new AccountException($"The secret of access key {accessKeyId} fails authentication: its row in {_path} was altered or copied from another key. Rotate or revoke the key.");
        var lookup = new KeyLookup(row.AccountId, accessKeyId, secret);
        var entry = new CachedKey(lookup, now);
        _cache[accessKeyId] = entry;
        // A revocation that committed after the read above bumped the counter before clearing the
        // cache; if that happened, take back what was just cached (unless someone replaced it).
        if (Interlocked.Read(ref _revocations) != revocationsBefore) _cache.TryRemove(KeyValuePair.Create(accessKeyId, entry));
        return lookup;
    }

    /// <summary>Releases this store's pooled connections so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        _cache.Clear();
        _store.Dispose();
    }

    /// <summary>Drops a revoked key from the cache; runs after the revocation committed (or failed).</summary>
    private void Forget(string accessKeyId)
    {
        Interlocked.Increment(ref _revocations);
        _cache.TryRemove(accessKeyId, out _);
    }

    private AccessKey InsertKey(SqliteConnection connection, SqliteTransaction transaction, string accountId, DateTimeOffset created)
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = AccessKeyFormat.NewAccessKeyId();
            if (Sql.Exists(connection, transaction, "SELECT 1 FROM access_keys WHERE access_key_id = $k", ("$k", id)))
            {
                if (attempt < IdAttempts) continue;
                throw new InvalidOperationException("Could not draw an unused access key id; the random number generator is broken.");
            }
            var secret = AccessKeyFormat.NewSecret();
            var plaintext = Encoding.ASCII.GetBytes(secret);
            // The key id as associated data binds each sealed secret to its row: a secret copied onto
            // another key's row fails authentication instead of verifying that key's requests.
            var sealedSecret = _masterKey.Seal(plaintext, Encoding.ASCII.GetBytes(id));
            CryptographicOperations.ZeroMemory(plaintext);
            Sql.Execute(connection, transaction, "INSERT INTO access_keys (access_key_id, account_id, secret, created_ms) VALUES ($k, $a, $s, $c)",
                ("$k", id), ("$a", accountId), ("$s", sealedSecret), ("$c", created.ToUnixTimeMilliseconds()));
            return new AccessKey(id, secret, accountId, created);
        }
    }

    private static (string AccountId, bool Revoked)? FindKeyRow(SqliteConnection connection, SqliteTransaction transaction, string accessKeyId)
    {
        using var command = Sql.Command(connection, transaction, "SELECT account_id, revoked_ms IS NOT NULL FROM access_keys WHERE access_key_id = $k", ("$k", accessKeyId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1) != 0) : null;
    }

    private static void RequireAccount(SqliteConnection connection, SqliteTransaction transaction, string accountId)
    {
        if (!Sql.Exists(connection, transaction, "SELECT 1 FROM accounts WHERE account_id = $a", ("$a", accountId)))
        {
            throw new AccountException($"No account {accountId}.");
        }
    }

    private void RequireMasterKey() => Write((connection, transaction) =>
    {
        using var command = Sql.Command(connection, transaction, "SELECT value FROM meta WHERE name = 'master_key_check'");
        if (command.ExecuteScalar() is not byte[] stored)
        {
            Sql.Execute(connection, transaction, "INSERT INTO meta (name, value) VALUES ('master_key_check', $v)", ("$v", _masterKey.Check));
            return 0;
        }
        if (!CryptographicOperations.FixedTimeEquals(stored, _masterKey.Check))
        {
            var expected = stored.Length >= 8 ? Convert.ToHexStringLower(stored.AsSpan(0, 8)) : "unknown";
            throw new InvalidOperationException(
                $"{_path} was written under master key {expected}, but the key from {_masterKey.Source} is {_masterKey.Fingerprint}; " +
                $"restore the original key (${MasterKey.EnvironmentVariable} or {MasterKey.FileName} in the data directory). Without it no stored secret can be decrypted.");
        }
        return 0;
    });

    private DateTimeOffset Now() => FromMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds());

    private static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static Account ReadAccount(SqliteDataReader reader) => new(reader.GetString(0), reader.GetString(1), FromMilliseconds(reader.GetInt64(2)));

    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work) => _store.Write(work);

    private T Read<T>(Func<SqliteConnection, SqliteTransaction, T> work) => _store.Read(work);

    // Times are Unix milliseconds (UTC). `secret` is nonce(12) ‖ AES-256-GCM ciphertext(40) ‖ tag(16)
    // with the access key id as associated data; no column ever holds a secret in the clear.
    // meta.master_key_check is HMAC-SHA256(master key, label): it tells a wrong master key at open
    // without holding anything that helps recover the key.
    private const string Schema = """
        CREATE TABLE meta (
            name TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        CREATE TABLE accounts (
            account_id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE access_keys (
            access_key_id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(account_id),
            secret BLOB NOT NULL,
            created_ms INTEGER NOT NULL,
            revoked_ms INTEGER
        );
        CREATE INDEX access_keys_by_account ON access_keys(account_id);
        """;

    private sealed class CachedKey(KeyLookup lookup, long checkedAt)
    {
        public readonly KeyLookup Lookup = lookup;
        public long CheckedAt = checkedAt;
    }
}
