using System.Globalization;
using Likeness.Collections.Results;
using Likeness.Collections.Storage;
using Likeness.Collections.Validation;
using Likeness.Imaging;
using Likeness.Vision.Faces.Analysis;
using Microsoft.Data.Sqlite;

namespace Likeness.Collections;

public sealed partial class CollectionService
{
    private const string FaceColumns = """
        f.row, f.face_id, f.image_id, f.external_image_id, f.box_left, f.box_top, f.box_width, f.box_height, f.confidence, u.user_id
        FROM faces f LEFT JOIN users u ON u.row = f.user_row
        """;

    /// <summary>
    /// IndexFaces: finds the faces in <paramref name="image"/> (JPEG or PNG bytes), drops those below the
    /// <paramref name="qualityFilter"/> bar (default AUTO), keeps the largest <paramref name="maxFaces"/>
    /// of the rest, and stores their embeddings in one transaction. Faces not kept come back in
    /// UnindexedFaces with Rekognition's reasons.
    /// </summary>
    public IndexFacesResult IndexFaces(string account, string collectionId, ReadOnlyMemory<byte> image, string? externalImageId = null,
        FaceAnalysisAttributes attributes = FaceAnalysisAttributes.Default, int? maxFaces = null, QualityFilter qualityFilter = QualityFilter.Auto)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        RekognitionParameters.ExternalImageId(externalImageId);
        if (maxFaces is < 1) throw CollectionException.Invalid($"MaxFaces must be at least 1, got {maxFaces}.");
        var pipeline = RequirePipeline();
        // Check the collection before the costly part, and again when writing (it may be deleted meanwhile).
        _database.Read((connection, transaction) =>
        {
            RequireSameModel(Find(connection, transaction, account, collectionId));
            return 0;
        });

        var decoded = Decode(image);
        var bar = QualityBar.For(qualityFilter);
        var kept = new List<FaceDetail>();
        var unindexed = new List<UnindexedFace>();
        foreach (var face in pipeline.Detect(decoded, attributes))
        {
            var reasons = bar?.Reasons(face, decoded.Width, decoded.Height) ?? [];
            if (reasons.Count > 0) unindexed.Add(new UnindexedFace(reasons, face));
            else kept.Add(face);
        }
        // Detect returns faces largest first, so the smallest are the ones MaxFaces drops.
        var limit = maxFaces ?? int.MaxValue;
        unindexed.AddRange(kept.Skip(limit).Select(face => new UnindexedFace(["EXCEEDS_MAX_FACES"], face)));
        kept = kept.Take(limit).ToList();

        var embeddings = pipeline.EmbedAll(decoded, kept);
        var newFaces = kept.Select((face, i) => new NewFace(face.BoundingBox, face.Confidence, face.Quality, embeddings[i].Vector.ToArray())).ToList();
        var stored = AddFaces(account, collectionId, newFaces, externalImageId, image);
        return new IndexFacesResult(
            stored.Zip(kept, (record, detail) => new FaceRecord(record, detail)).ToList(),
            Model.Version,
            unindexed);
    }

    /// <summary>
    /// Stores faces already found and embedded (the second half of IndexFaces; also how benchmarks and
    /// tests fill a collection without images). All or nothing: one transaction.
    /// </summary>
    public IReadOnlyList<Face> AddFaces(string account, string collectionId, IReadOnlyList<NewFace> faces, string? externalImageId = null, ReadOnlyMemory<byte> image = default)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        RekognitionParameters.ExternalImageId(externalImageId);
        ArgumentNullException.ThrowIfNull(faces);
        var imageId = Guid.NewGuid().ToString();
        var (row, stored) = _database.Write((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            RequireSameModel(collection);
            if (collection.StoreImages && !image.IsEmpty && faces.Count > 0)
            {
                Sql.Execute(connection, transaction, "INSERT INTO images (image_id, collection, bytes) VALUES ($i, $c, $b)",
                    ("$i", imageId), ("$c", collection.Row), ("$b", image.ToArray()));
            }
            var now = Sql.NowMilliseconds();
            var result = new List<Face>(faces.Count);
            foreach (var face in faces)
            {
                if (face.Vector.Length == 0 || face.Vector.Any(v => !float.IsFinite(v))) throw new ArgumentException("A face vector must be non-empty and finite.", nameof(faces));
                var faceId = Guid.NewGuid().ToString();
                var faceRow = Sql.Long(connection, transaction, """
                    INSERT INTO faces (collection, face_id, image_id, external_image_id, box_left, box_top, box_width, box_height, confidence, brightness, sharpness, vector, indexed_ms)
                    VALUES ($c, $f, $i, $e, $l, $t, $w, $h, $conf, $b, $s, $v, $now) RETURNING row
                    """,
                    ("$c", collection.Row), ("$f", faceId), ("$i", imageId), ("$e", externalImageId),
                    ("$l", face.BoundingBox.Left), ("$t", face.BoundingBox.Top), ("$w", face.BoundingBox.Width), ("$h", face.BoundingBox.Height),
                    ("$conf", face.Confidence), ("$b", face.Quality.Brightness), ("$s", face.Quality.Sharpness), ("$v", Sql.Blob(face.Vector)), ("$now", now));
                Sql.Execute(connection, transaction, "INSERT INTO changes (collection, face_row, added) VALUES ($c, $r, 1)", ("$c", collection.Row), ("$r", faceRow));
                result.Add(new Face(faceId, face.BoundingBox, imageId, externalImageId, face.Confidence, collection.FaceModelVersion, null));
            }
            return (collection.Row, result);
        });
        // Applying now keeps the first search after a burst of writes cheap; the log would catch it up anyway.
        if (faces.Count > 0) _indexes.Current(row, faces[0].Vector.Length);
        return stored;
    }

    /// <summary>ListFaces, in indexing order, optionally only one user's faces or the given face ids; <paramref name="maxResults"/> 0-4096, default 1000.</summary>
    public ListFacesResult ListFaces(string account, string collectionId, string? nextToken = null, int? maxResults = null, string? userId = null, IReadOnlyList<string>? faceIds = null)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        var max = RekognitionParameters.Range("MaxResults", maxResults, 0, 4096, 1000);
        if (userId is not null) RekognitionParameters.UserId(userId);
        if (faceIds is not null) RekognitionParameters.FaceIds(faceIds, 4096);
        var listing = $"ListFaces/{collectionId}";
        var after = PageToken.DecodeRow(listing, nextToken) ?? 0;
        return _database.Read((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            var sql = $"SELECT {FaceColumns} WHERE f.collection = $c AND f.row > $after";
            var parameters = new List<(string, object?)> { ("$c", collection.Row), ("$after", after), ("$n", max + 1) };
            if (userId is not null)
            {
                sql += " AND u.user_id = $u";
                parameters.Add(("$u", userId));
            }
            if (faceIds is not null)
            {
                sql += $" AND f.face_id IN ({string.Join(',', faceIds.Select((_, i) => $"$f{i}"))})";
                parameters.AddRange(faceIds.Select((id, i) => ($"$f{i}", (object?)id)));
            }
            sql += " ORDER BY f.row LIMIT $n";
            var rows = ReadFaces(connection, transaction, sql, collection.FaceModelVersion, parameters.ToArray());
            var page = rows.Take(max).ToList();
            var token = rows.Count > max && page.Count > 0 ? PageToken.Encode(listing, page[^1].Row.ToString(CultureInfo.InvariantCulture)) : null;
            return new ListFacesResult(page.Select(r => r.Face).ToList(), token, collection.FaceModelVersion);
        });
    }

    /// <summary>DeleteFaces: removes each face that exists and belongs to no user; the others are reported with the reason.</summary>
    public DeleteFacesResult DeleteFaces(string account, string collectionId, IReadOnlyList<string> faceIds)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        RekognitionParameters.FaceIds(faceIds, 4096);
        return _database.Write((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            var deleted = new List<string>();
            var failed = new List<UnsuccessfulFaceDeletion>();
            foreach (var faceId in faceIds.Distinct(StringComparer.Ordinal))
            {
                var face = FaceById(connection, transaction, collection, faceId);
                if (face is null) failed.Add(new UnsuccessfulFaceDeletion(faceId, null, ["FACE_NOT_FOUND"]));
                else if (face.Face.UserId is not null) failed.Add(new UnsuccessfulFaceDeletion(faceId, face.Face.UserId, ["ASSOCIATED_TO_AN_EXISTING_USER"]));
                else
                {
                    Sql.Execute(connection, transaction, "DELETE FROM faces WHERE row = $r", ("$r", face.Row));
                    Sql.Execute(connection, transaction, "INSERT INTO changes (collection, face_row, added) VALUES ($c, $r, 0)", ("$c", collection.Row), ("$r", face.Row));
                    deleted.Add(faceId);
                }
            }
            return new DeleteFacesResult(deleted, failed);
        });
    }

    private FaceRow? FaceById(SqliteConnection connection, SqliteTransaction transaction, CollectionRow collection, string faceId) =>
        ReadFaces(connection, transaction, $"SELECT {FaceColumns} WHERE f.collection = $c AND f.face_id = $f", collection.FaceModelVersion,
            ("$c", collection.Row), ("$f", faceId)).SingleOrDefault();

    private static List<FaceRow> ReadFaces(SqliteConnection connection, SqliteTransaction transaction, string sql, string modelVersion, params (string, object?)[] parameters)
    {
        using var command = Sql.Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<FaceRow>();
        while (reader.Read())
        {
            rows.Add(new FaceRow(reader.GetInt64(0), new Face(
                reader.GetString(1),
                new FaceBoundingBox(reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetDouble(8),
                modelVersion,
                reader.IsDBNull(9) ? null : reader.GetString(9))));
        }
        return rows;
    }

    private Vision.Faces.Pipeline.FacePipeline RequirePipeline() =>
        _pipeline ?? throw new InvalidOperationException("This CollectionService was built without a face pipeline; operations on images need one.");

    private static DecodedImage Decode(ReadOnlyMemory<byte> image)
    {
        if (image.IsEmpty) throw CollectionException.Invalid("Image.Bytes is empty; send a JPEG or PNG image.");
        return new ImageDecoder(ImageLimits.Rekognition).Decode(image.Span);
    }

    private sealed record FaceRow(long Row, Face Face);
}
