using Likeness.Collections.Storage;
using Microsoft.Data.Sqlite;

namespace Likeness.Governance;

/// <summary>
/// `governance.db` in the data directory: account profiles and their use cases, keys bound to a use
/// case and the roles keys hold, reviewers and review items, and recorded bias audits, in a durable <see cref="SqliteStore"/> like the
/// collection store.
/// </summary>
public sealed class GovernanceDatabase : IDisposable
{
    public const string FileName = "governance.db";

    // 1: profiles, use cases, key bindings, reviewers, reviews. 2: bias audits and their threshold rows.
    // 3: key roles. SqliteStore runs the whole schema on a database of an older version, so every statement
    // must be idempotent (IF NOT EXISTS): an older database gains the new tables and keeps everything else.
    private const int SchemaVersion = 3;

    private readonly SqliteStore _store;

    private GovernanceDatabase(SqliteStore store) => _store = store;

    public static GovernanceDatabase Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return new GovernanceDatabase(SqliteStore.Open(Path.Combine(dataDirectory, FileName), SchemaVersion, Schema));
    }

    internal T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work) => _store.Write(work);

    internal T Read<T>(Func<SqliteConnection, SqliteTransaction, T> work) => _store.Read(work);

    public void Dispose() => _store.Dispose();

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
        CREATE TABLE IF NOT EXISTS bias_audits (
            audit_id TEXT PRIMARY KEY, kind TEXT NOT NULL, model_id TEXT NOT NULL, completed_ms INTEGER NOT NULL,
            dataset TEXT NOT NULL, report_path TEXT NOT NULL, report_sha256 TEXT NOT NULL, summary TEXT NOT NULL,
            recorded_ms INTEGER NOT NULL, recorded_by TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS bias_audits_by_model ON bias_audits(kind, model_id, completed_ms);
        CREATE TABLE IF NOT EXISTS bias_audit_thresholds (
            audit_id TEXT NOT NULL REFERENCES bias_audits(audit_id), threshold REAL NOT NULL, pairs INTEGER NOT NULL,
            worst_group TEXT NOT NULL, worst_false_matches INTEGER NOT NULL, worst_rate REAL NOT NULL, worst_upper REAL NOT NULL,
            best_group TEXT NOT NULL, best_rate REAL NOT NULL, calibrated_rate REAL NOT NULL,
            PRIMARY KEY (audit_id, threshold));
        CREATE TABLE IF NOT EXISTS key_roles (
            access_key_id TEXT NOT NULL, role TEXT NOT NULL, reviewer_id TEXT REFERENCES reviewers(reviewer_id), granted_ms INTEGER NOT NULL, granted_by TEXT NOT NULL,
            PRIMARY KEY (access_key_id, role));
        """;
}
