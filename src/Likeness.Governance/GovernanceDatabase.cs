using Microsoft.Data.Sqlite;

namespace Likeness.Governance;

/// <summary>
/// `governance.db` in the data directory: account profiles and their use cases, keys bound to a use
/// case, reviewers and review items. SQLite, WAL, synchronous=FULL like the collection store.
/// </summary>
public sealed class GovernanceDatabase : IDisposable
{
    public const string FileName = "governance.db";

    private readonly string _connectionString;
    private readonly Lock _writer = new();

    private GovernanceDatabase(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public static GovernanceDatabase Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var database = new GovernanceDatabase(Path.Combine(dataDirectory, FileName));
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;" + Schema;
        command.ExecuteNonQuery();
        return database;
    }

    internal T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_writer)
        {
            using var connection = Connect();
            using var transaction = connection.BeginTransaction();
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    internal T Read<T>(Func<SqliteConnection, T> work)
    {
        using var connection = Connect();
        return work(connection);
    }

    public void Dispose() => SqliteConnection.ClearAllPools();

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS profiles (
            account TEXT PRIMARY KEY, organisation TEXT NOT NULL, sector TEXT NOT NULL,
            country TEXT NOT NULL, region TEXT, city TEXT, updated_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS use_cases (
            account TEXT NOT NULL, use_case TEXT NOT NULL, status TEXT NOT NULL, updated_ms INTEGER NOT NULL,
            PRIMARY KEY (account, use_case));
        CREATE TABLE IF NOT EXISTS key_bindings (
            access_key_id TEXT PRIMARY KEY, use_case TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS reviewers (
            reviewer_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, trained_on TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS reviews (
            review_id TEXT PRIMARY KEY, account TEXT NOT NULL, case_id TEXT, use_case TEXT, operation TEXT NOT NULL,
            collection_id TEXT, candidate_face_id TEXT NOT NULL, similarity REAL NOT NULL, created_ms INTEGER NOT NULL,
            status TEXT NOT NULL, reviewer_id TEXT, decided_ms INTEGER, note TEXT);
        CREATE INDEX IF NOT EXISTS reviews_by_status ON reviews(status, created_ms);
        """;
}
