using Microsoft.Data.Sqlite;

namespace Likeness.Collections.Storage;

/// <summary>
/// The SQLite database that holds every account's collections, faces, users and their change log, in
/// one durable file under the data directory (<see cref="SqliteStore"/>: an acknowledged write survives
/// kill -9 and power loss). Writes in this process go one at a time, which also keeps the change log's
/// order the order the vector indexes apply it in.
/// </summary>
public sealed class CollectionDatabase : IDisposable
{
    /// <summary>The file name inside the data directory.</summary>
    public const string FileName = "likeness.db";

    private const int SchemaVersion = 1;

    private readonly SqliteStore _store;

    private CollectionDatabase(string dataDirectory, SqliteStore store)
    {
        DataDirectory = dataDirectory;
        _store = store;
    }

    /// <summary>The directory the database (and the vector indexes beside it) live in.</summary>
    public string DataDirectory { get; }

    /// <summary>Opens (creating if needed) the database in <paramref name="dataDirectory"/> and brings its schema up to date.</summary>
    public static CollectionDatabase Open(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var full = Path.GetFullPath(dataDirectory);
        return new CollectionDatabase(full, SqliteStore.Open(Path.Combine(full, FileName), SchemaVersion, Schema));
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE), committed when it returns; rolled back if it throws.</summary>
    internal T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work) => _store.Write(work);

    /// <summary>Runs <paramref name="work"/> on a connection of its own, in one read transaction so it sees one snapshot.</summary>
    internal T Read<T>(Func<SqliteConnection, SqliteTransaction, T> work) => _store.Read(work);

    /// <summary>Releases the file's pooled connections.</summary>
    public void Dispose() => _store.Dispose();

    // Row ids never repeat (AUTOINCREMENT): a vector index snapshot left behind by a crash can never be
    // mistaken for a newer collection's, nor a deleted face's key for a new face's.
    // Times are Unix milliseconds (UTC). Vectors are float32 little-endian blobs. The change log lists
    // every face added to or removed from a collection in commit order; the vector indexes, which are
    // caches, replay it from their last snapshot.
    private const string Schema = """
        CREATE TABLE collections (
            row INTEGER PRIMARY KEY AUTOINCREMENT,
            account TEXT NOT NULL,
            collection_id TEXT NOT NULL,
            face_model_version TEXT NOT NULL,
            embedder_model TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            store_images INTEGER NOT NULL,
            tags TEXT NOT NULL,
            UNIQUE (account, collection_id)
        );
        CREATE TABLE users (
            row INTEGER PRIMARY KEY,
            collection INTEGER NOT NULL REFERENCES collections(row) ON DELETE CASCADE,
            user_id TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            UNIQUE (collection, user_id)
        );
        CREATE TABLE faces (
            row INTEGER PRIMARY KEY AUTOINCREMENT,
            collection INTEGER NOT NULL REFERENCES collections(row) ON DELETE CASCADE,
            face_id TEXT NOT NULL,
            image_id TEXT NOT NULL,
            external_image_id TEXT,
            box_left REAL NOT NULL, box_top REAL NOT NULL, box_width REAL NOT NULL, box_height REAL NOT NULL,
            confidence REAL NOT NULL,
            brightness REAL NOT NULL,
            sharpness REAL NOT NULL,
            user_row INTEGER REFERENCES users(row) ON DELETE SET NULL,
            vector BLOB NOT NULL,
            indexed_ms INTEGER NOT NULL,
            UNIQUE (collection, face_id)
        );
        CREATE INDEX faces_by_user ON faces(user_row);
        CREATE TABLE images (
            image_id TEXT PRIMARY KEY,
            collection INTEGER NOT NULL REFERENCES collections(row) ON DELETE CASCADE,
            bytes BLOB NOT NULL
        );
        CREATE INDEX images_by_collection ON images(collection);
        CREATE TABLE changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            collection INTEGER NOT NULL REFERENCES collections(row) ON DELETE CASCADE,
            face_row INTEGER NOT NULL,
            added INTEGER NOT NULL
        );
        CREATE INDEX changes_by_collection ON changes(collection, seq);
        CREATE TABLE request_tokens (
            account TEXT NOT NULL,
            operation TEXT NOT NULL,
            token TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            response TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            PRIMARY KEY (account, operation, token)
        );
        """;
}
