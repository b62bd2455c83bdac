using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Likeness.Collections.Storage;

/// <summary>
/// One durable SQLite file, as every Likeness store keeps its data (collections, accounts, governance):
/// WAL journal with synchronous=FULL, so a transaction is on disk when Commit returns and readers never
/// wait for the writer; the schema created and versioned through `PRAGMA user_version`; writes in this
/// process one at a time (BEGIN IMMEDIATE, so a second process waits on the busy timeout instead of
/// failing on lock upgrade).
/// </summary>
public sealed class SqliteStore : IDisposable
{
    private readonly string _connectionString;
    private readonly Lock _writer = new();

    private SqliteStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/>; a new file gets <paramref name="schema"/>
    /// and <paramref name="schemaVersion"/>. InvalidOperationException for a file system without WAL or a
    /// newer schema than this build knows.
    /// </summary>
    public static SqliteStore Open(string path, int schemaVersion, string schema)
    {
        var store = new SqliteStore(System.IO.Path.GetFullPath(path));
        try
        {
            store.Migrate(schemaVersion, schema);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction, committed when it returns; rolled back if it throws.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_writer)
        {
            using var connection = Connect();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a connection of its own, in one read transaction so it sees one snapshot.</summary>
    public T Read<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        return work(connection, transaction);
    }

    /// <summary>Releases this file's pooled connections (only this file's: other stores keep theirs).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // synchronous is per connection; FULL makes each commit fsync the WAL.
        pragma.CommandText = "PRAGMA synchronous=FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private void Migrate(int schemaVersion, string schema)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Path}: SQLite refused WAL mode (got '{mode}'); put the data directory on a local file system.");
        }
        using var transaction = connection.BeginTransaction(deferred: false);
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version == schemaVersion) return;
        if (version > schemaVersion)
        {
            throw new InvalidOperationException($"{Path} has schema version {version}, newer than this Likeness understands ({schemaVersion}); upgrade Likeness.");
        }
        command.CommandText = schema;
        command.ExecuteNonQuery();
        command.CommandText = $"PRAGMA user_version={schemaVersion};";
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}
