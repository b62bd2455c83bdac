using System.Globalization;
using System.Text.Json;
using Likeness.Collections.Indexing;
using Likeness.Collections.Results;
using Likeness.Collections.Storage;
using Likeness.Collections.Validation;
using Likeness.Vision.Faces.Pipeline;
using Microsoft.Data.Sqlite;

namespace Likeness.Collections;

/// <summary>
/// Rekognition's collection operations (collections, faces, users, searches) for every account, over
/// one <see cref="CollectionDatabase"/>. Every method takes the caller's account first: collections,
/// faces and users of one account are invisible to every other. Thread-safe; writes are serialised by
/// the database, searches run concurrently. An operation that returns has committed its writes.
/// </summary>
/// <remarks>The operations are split over partial files by what they act on: collections (here), faces, searches, users.</remarks>
public sealed partial class CollectionService : IDisposable
{
    private readonly CollectionDatabase _database;
    private readonly FacePipeline? _pipeline;
    private readonly CollectionServiceOptions _options;
    private readonly CollectionIndexes _indexes;

    /// <param name="database">Where everything is stored.</param>
    /// <param name="model">The face model new collections are created with and new faces are embedded by.</param>
    /// <param name="pipeline">Finds and embeds faces for the operations that take an image; null serves only the others.</param>
    /// <param name="options">Region and index tuning.</param>
    public CollectionService(CollectionDatabase database, FaceModel model, FacePipeline? pipeline, CollectionServiceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(model);
        if (pipeline is not null && !string.Equals(pipeline.EmbedderModelId, model.EmbedderModelId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The pipeline embeds with {pipeline.EmbedderModelId} but the face model is {model.EmbedderModelId}.", nameof(pipeline));
        }
        _database = database;
        Model = model;
        _pipeline = pipeline;
        _options = options ?? new CollectionServiceOptions();
        _indexes = new CollectionIndexes(database, _options.Index);
    }

    /// <summary>The face model this service embeds with.</summary>
    public FaceModel Model { get; }

    /// <summary>CreateCollection. Tag `likeness:store-images` = `true` keeps source images (needed to re-index after a model change).</summary>
    public CreateCollectionResult CreateCollection(string account, string collectionId, IReadOnlyDictionary<string, string>? tags = null)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        tags ??= new Dictionary<string, string>();
        if (tags.Count > 200) throw CollectionException.Invalid($"Tags holds {tags.Count} tags; at most 200 are allowed.");
        var storeImages = false;
        if (tags.TryGetValue(CollectionServiceOptions.StoreImagesTag, out var flag))
        {
            if (!bool.TryParse(flag, out storeImages)) throw CollectionException.Invalid($"Tag {CollectionServiceOptions.StoreImagesTag} must be true or false, got '{flag}'.");
        }
        _database.Write((connection, transaction) =>
        {
            try
            {
                return Sql.Execute(connection, transaction, """
                    INSERT INTO collections (account, collection_id, face_model_version, embedder_model, created_ms, store_images, tags)
                    VALUES ($a, $id, $v, $m, $t, $s, $tags)
                    """,
                    ("$a", account), ("$id", collectionId), ("$v", Model.Version), ("$m", Model.EmbedderModelId),
                    ("$t", Sql.NowMilliseconds()), ("$s", storeImages ? 1 : 0), ("$tags", JsonSerializer.Serialize(tags)));
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT */)
            {
                throw new CollectionException(CollectionErrorCode.ResourceAlreadyExists, $"The collection id: {collectionId} already exists.");
            }
        });
        return new CreateCollectionResult(200, Arn(account, collectionId), Model.Version);
    }

    /// <summary>DescribeCollection.</summary>
    public DescribeCollectionResult DescribeCollection(string account, string collectionId)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        return _database.Read((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            var faces = Sql.Long(connection, transaction, "SELECT count(*) FROM faces WHERE collection = $c", ("$c", collection.Row));
            var users = Sql.Long(connection, transaction, "SELECT count(*) FROM users WHERE collection = $c", ("$c", collection.Row));
            return new DescribeCollectionResult(faces, collection.FaceModelVersion, Arn(account, collectionId), collection.Created, users);
        });
    }

    /// <summary>
    /// The number of faces in the collection: the gallery size the audit trail records for every search.
    /// Read from the collection's vector index when it is loaded (which a search just did), so recording it
    /// costs no scan of the faces table.
    /// </summary>
    public long FaceCount(string account, string collectionId)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        return _database.Read((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            return _indexes.LoadedCount(collection.Row)
                ?? Sql.Long(connection, transaction, "SELECT count(*) FROM faces WHERE collection = $c", ("$c", collection.Row));
        });
    }

    /// <summary>ListCollections, in creation order; <paramref name="maxResults"/> 0-4096, default 1000.</summary>
    public ListCollectionsResult ListCollections(string account, string? nextToken = null, int? maxResults = null)
    {
        RequireAccount(account);
        var max = RekognitionParameters.Range("MaxResults", maxResults, 0, 4096, 1000);
        var after = PageToken.DecodeRow("ListCollections", nextToken) ?? 0;
        return _database.Read((connection, transaction) =>
        {
            using var command = Sql.Command(connection, transaction,
                "SELECT row, collection_id, face_model_version FROM collections WHERE account = $a AND row > $after ORDER BY row LIMIT $n",
                ("$a", account), ("$after", after), ("$n", max + 1));
            var rows = new List<(long Row, string Id, string Version)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
            var page = rows.Take(max).ToList();
            var token = rows.Count > max && page.Count > 0 ? PageToken.Encode("ListCollections", page[^1].Row.ToString(CultureInfo.InvariantCulture)) : null;
            return new ListCollectionsResult(page.Select(r => r.Id).ToList(), token, page.Select(r => r.Version).ToList());
        });
    }

    /// <summary>DeleteCollection: the collection with all its faces, users and stored images.</summary>
    public DeleteCollectionResult DeleteCollection(string account, string collectionId)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        var row = _database.Write((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            Sql.Execute(connection, transaction, "DELETE FROM collections WHERE row = $c", ("$c", collection.Row));
            return collection.Row;
        });
        _indexes.Drop(row);
        return new DeleteCollectionResult(200);
    }

    /// <summary>Saves the vector indexes' snapshots so the next start replays little.</summary>
    public void Dispose() => _indexes.Dispose();

    private string Arn(string account, string collectionId) => $"aws:rekognition:{_options.Region}:{account}:collection/{collectionId}";

    private static void RequireAccount(string account)
    {
        if (string.IsNullOrWhiteSpace(account)) throw new ArgumentException("An account is required: every collection belongs to one.", nameof(account));
    }

    /// <summary>The collection, or ResourceNotFoundException worded as Rekognition words it.</summary>
    private static CollectionRow Find(SqliteConnection connection, SqliteTransaction transaction, string account, string collectionId)
    {
        using var command = Sql.Command(connection, transaction,
            "SELECT row, face_model_version, embedder_model, created_ms, store_images FROM collections WHERE account = $a AND collection_id = $id",
            ("$a", account), ("$id", collectionId));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new CollectionException(CollectionErrorCode.ResourceNotFound, $"The collection id: {collectionId} does not exist.");
        return new CollectionRow(reader.GetInt64(0), collectionId, reader.GetString(1), reader.GetString(2),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetInt64(4) != 0);
    }

    /// <summary>Refuses to mix vectors of two models in one collection.</summary>
    private void RequireSameModel(CollectionRow collection)
    {
        if (string.Equals(collection.EmbedderModel, Model.EmbedderModelId, StringComparison.Ordinal)) return;
        throw CollectionException.Invalid(
            $"Collection {collection.Id} holds faces of face model {collection.FaceModelVersion} ({collection.EmbedderModel}); this server embeds with " +
            $"{Model.Version} ({Model.EmbedderModelId}), and the two cannot be compared. Re-index it (`likeness collections reindex {collection.Id}`, " +
            "which needs the collection to have kept its images) or use a server with the collection's model.");
    }

    private sealed record CollectionRow(long Row, string Id, string FaceModelVersion, string EmbedderModel, DateTimeOffset Created, bool StoreImages);
}
