using Likeness.Collections.Storage;
using Likeness.Vectors;
using Microsoft.Data.Sqlite;

namespace Likeness.Collections.Indexing;

/// <summary>
/// One vector index per collection, kept in step with the database. SQLite is the record; an index is a
/// cache of it, saved as a snapshot now and then, which on open replays the change log past its
/// checkpoint, and is rebuilt from the faces table when its snapshot is missing or damaged. Every
/// lookup first applies changes committed since the last (by this or another process), so a search
/// always sees every acknowledged IndexFaces and DeleteFaces.
/// </summary>
internal sealed class CollectionIndexes : IDisposable
{
    /// <summary>Changes applied to an index between snapshots; bounds the replay at startup.</summary>
    public const int SaveEvery = 20_000;

    private readonly CollectionDatabase _database;
    private readonly VectorIndexOptions? _options;
    private readonly Dictionary<long, Entry> _entries = [];
    private readonly Lock _gate = new();

    public CollectionIndexes(CollectionDatabase database, VectorIndexOptions? options = null)
    {
        _database = database;
        _options = options;
    }

    /// <summary>The index of the collection at <paramref name="collectionRow"/>, with every committed change applied.</summary>
    public VectorIndex Current(long collectionRow, int dimension)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(collectionRow, out entry!))
            {
                entry = new Entry();
                _entries[collectionRow] = entry;
            }
        }
        lock (entry)
        {
            if (entry.Index is null || entry.Index.Dimension != dimension) Load(entry, collectionRow, dimension);
            else CatchUp(entry, collectionRow);
            return entry.Index!;
        }
    }

    /// <summary>The number of faces in the collection's index with every committed change applied, or null when the index is not loaded.</summary>
    public long? LoadedCount(long collectionRow)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(collectionRow, out entry)) return null;
        }
        lock (entry)
        {
            if (entry.Index is null) return null;
            CatchUp(entry, collectionRow);
            return entry.Index.Count;
        }
    }

    /// <summary>Forgets a deleted collection's index and removes its files.</summary>
    public void Drop(long collectionRow)
    {
        Entry? entry;
        lock (_gate)
        {
            _entries.Remove(collectionRow, out entry);
        }
        if (entry is not null)
        {
            lock (entry)
            {
                entry.Index?.Dispose();
                entry.Index = null;
            }
        }
        var directory = DirectoryOf(collectionRow);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    /// <summary>Saves every index with changes since its last snapshot (at shutdown), then closes them.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                lock (entry)
                {
                    if (entry.Index is null) continue;
                    if (entry.SinceSave > 0) entry.Index.Save(entry.Applied);
                    entry.Index.Dispose();
                    entry.Index = null;
                }
            }
            _entries.Clear();
        }
    }

    private string DirectoryOf(long collectionRow) => Path.Combine(_database.DataDirectory, "indexes", collectionRow.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void Load(Entry entry, long collectionRow, int dimension)
    {
        entry.Index?.Dispose();
        var directory = DirectoryOf(collectionRow);
        VectorIndex? index = null;
        try
        {
            if (Directory.Exists(directory)) index = VectorIndex.Open(directory);
        }
        catch (VectorIndexException)
        {
            // A damaged snapshot is only a slower start: the faces table holds everything.
            index = null;
        }
        if (index is not null && index.Dimension == dimension)
        {
            entry.Index = index;
            entry.Applied = index.Checkpoint;
            CatchUp(entry, collectionRow);
            return;
        }
        index?.Dispose();
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        entry.Index = VectorIndex.Create(directory, dimension, _options);
        entry.Applied = _database.Read((connection, transaction) =>
        {
            using var command = Command(connection, transaction, "SELECT row, vector FROM faces WHERE collection = $c ORDER BY row", collectionRow);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read()) entry.Index.Add(reader.GetInt64(0), Vector(reader, 1));
            }
            using var last = Command(connection, transaction, "SELECT coalesce(max(seq), 0) FROM changes WHERE collection = $c", collectionRow);
            return Convert.ToInt64(last.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        });
        entry.Index.Save(entry.Applied);
        entry.SinceSave = 0;
    }

    private void CatchUp(Entry entry, long collectionRow)
    {
        var index = entry.Index!;
        var (applied, count) = _database.Read((connection, transaction) =>
        {
            using var command = Command(connection, transaction, """
                SELECT c.seq, c.face_row, c.added, f.vector FROM changes c LEFT JOIN faces f ON f.row = c.face_row
                WHERE c.collection = $c AND c.seq > $after ORDER BY c.seq
                """, collectionRow);
            command.Parameters.AddWithValue("$after", entry.Applied);
            using var reader = command.ExecuteReader();
            var last = entry.Applied;
            var n = 0;
            while (reader.Read())
            {
                last = reader.GetInt64(0);
                var key = reader.GetInt64(1);
                n++;
                if (reader.GetInt64(2) == 0) index.Remove(key);
                // A face added then deleted later in the log has no row any more: nothing to add.
                else if (!reader.IsDBNull(3) && !index.Contains(key)) index.Add(key, Vector(reader, 3));
            }
            return (last, n);
        });
        entry.Applied = applied;
        entry.SinceSave += count;
        if (entry.SinceSave >= SaveEvery)
        {
            index.Save(entry.Applied);
            entry.SinceSave = 0;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, long collectionRow)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$c", collectionRow);
        return command;
    }

    private static float[] Vector(SqliteDataReader reader, int ordinal) => Sql.Floats((byte[])reader.GetValue(ordinal));

    private sealed class Entry
    {
        public VectorIndex? Index;
        public long Applied;
        public int SinceSave;
    }
}
