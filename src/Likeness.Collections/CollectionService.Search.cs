using Likeness.Collections.Results;
using Likeness.Collections.Storage;
using Likeness.Collections.Validation;
using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Pipeline;
using Microsoft.Data.Sqlite;

namespace Likeness.Collections;

public sealed partial class CollectionService
{
    /// <summary>Rekognition's default FaceMatchThreshold and UserMatchThreshold for the searches.</summary>
    public const double DefaultMatchThreshold = 80;

    private const int MaxSearchFaces = 4096;

    /// <summary>SearchFaces: the faces of the collection most like the stored face <paramref name="faceId"/> (itself excluded), most similar first.</summary>
    public SearchFacesResult SearchFaces(string account, string collectionId, string faceId, int? maxFaces = null, double? faceMatchThreshold = null)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        RekognitionParameters.FaceId(faceId);
        var max = RekognitionParameters.Range("MaxFaces", maxFaces, 1, MaxSearchFaces, MaxSearchFaces);
        var threshold = RekognitionParameters.Percent("FaceMatchThreshold", faceMatchThreshold, DefaultMatchThreshold);
        var (collection, vector) = _database.Read((connection, transaction) =>
        {
            var found = Find(connection, transaction, account, collectionId);
            RequireSameModel(found);
            return (found, StoredVector(connection, transaction, found, faceId)
                ?? throw new CollectionException(CollectionErrorCode.ResourceNotFound, $"The face id: {faceId} does not exist in collection {collectionId}."));
        });
        var matches = Matches(collection, vector, max, threshold, excluded: faceId);
        return new SearchFacesResult(faceId, matches, collection.FaceModelVersion);
    }

    /// <summary>
    /// SearchFacesByImage: the largest face in <paramref name="image"/> that passes
    /// <paramref name="qualityFilter"/> (default NONE) searched against the collection.
    /// InvalidParameterException when the image holds no such face, as Rekognition answers.
    /// </summary>
    public SearchFacesByImageResult SearchFacesByImage(string account, string collectionId, ReadOnlyMemory<byte> image, int? maxFaces = null,
        double? faceMatchThreshold = null, QualityFilter qualityFilter = QualityFilter.None)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        var max = RekognitionParameters.Range("MaxFaces", maxFaces, 1, MaxSearchFaces, MaxSearchFaces);
        var threshold = RekognitionParameters.Percent("FaceMatchThreshold", faceMatchThreshold, DefaultMatchThreshold);
        var collection = RequireCollection(account, collectionId);
        var (face, embedding, _) = LargestUsableFace(image, qualityFilter);
        var matches = Matches(collection, embedding, max, threshold, excluded: null);
        return new SearchFacesByImageResult(face.BoundingBox, face.Confidence, matches, collection.FaceModelVersion);
    }

    private CollectionRow RequireCollection(string account, string collectionId) => _database.Read((connection, transaction) =>
    {
        var found = Find(connection, transaction, account, collectionId);
        RequireSameModel(found);
        return found;
    });

    /// <summary>The largest face passing the filter, its embedding, and every other face with why it was not searched.</summary>
    private (FaceDetail Face, float[] Embedding, List<UnsearchedFace> Others) LargestUsableFace(ReadOnlyMemory<byte> image, QualityFilter qualityFilter)
    {
        var pipeline = RequirePipeline();
        var decoded = Decode(image);
        var bar = QualityBar.For(qualityFilter);
        FaceDetail? chosen = null;
        var others = new List<UnsearchedFace>();
        var faces = pipeline.Detect(decoded);
        foreach (var face in faces)
        {
            var reasons = bar?.Reasons(face, decoded.Width, decoded.Height) ?? [];
            if (chosen is null && reasons.Count == 0) chosen = face;
            else others.Add(new UnsearchedFace(face, chosen is null ? reasons : ["FACE_NOT_LARGEST", .. reasons]));
        }
        if (chosen is null)
        {
            throw CollectionException.Invalid(faces.Count == 0
                ? "There are no faces in the image. Should be at least 1."
                : $"None of the {faces.Count} faces in the image passes QualityFilter {qualityFilter.ToString().ToUpperInvariant()}; send a clearer image or a lower filter.");
        }
        return (chosen, pipeline.Embed(decoded, chosen).Vector.ToArray(), others);
    }

    /// <summary>
    /// The collection's faces at or above <paramref name="threshold"/> Similarity to <paramref name="query"/>, most
    /// similar first, at most <paramref name="max"/>. Asks the index for a few candidates and widens the
    /// request only while the last candidate still passes the threshold, so a strict search stays cheap.
    /// </summary>
    private List<FaceMatch> Matches(CollectionRow collection, float[] query, int max, double threshold, string? excluded)
    {
        var index = _indexes.Current(collection.Row, query.Length);
        var wanted = max + (excluded is null ? 0 : 1);
        var k = Math.Min(wanted, 64);
        while (true)
        {
            var candidates = index.Search(query, Math.Max(1, Math.Min(k, MaxSearchFaces + 1)));
            var passing = candidates.Where(c => Model.Similarity(c.Distance) >= threshold).ToList();
            var exhausted = candidates.Count < k || passing.Count < candidates.Count || k >= wanted;
            if (!exhausted)
            {
                k = Math.Min(wanted, k * 4);
                continue;
            }
            if (passing.Count == 0) return [];
            // Ranked by distance, not by Similarity: the calibration saturates at 100, and the nearer of two "100" faces comes first.
            var rank = passing.Select((c, i) => (c.Key, i)).ToDictionary(p => p.Key, p => p.i);
            var faces = _database.Read((connection, transaction) => FacesByRow(connection, transaction, collection, rank.Keys));
            return faces
                .Where(f => !string.Equals(f.Face.FaceId, excluded, StringComparison.Ordinal))
                .OrderBy(f => rank[f.Row])
                .Take(max)
                .Select(f => new FaceMatch(Model.Similarity(passing[rank[f.Row]].Distance), f.Face))
                .ToList();
        }
    }

    /// <summary>The rows still present (a face deleted since the index answered is skipped).</summary>
    private static List<FaceRow> FacesByRow(SqliteConnection connection, SqliteTransaction transaction, CollectionRow collection, IEnumerable<long> rows)
    {
        var result = new List<FaceRow>();
        foreach (var chunk in rows.Chunk(500))
        {
            var names = chunk.Select((_, i) => $"$r{i}").ToList();
            result.AddRange(ReadFaces(connection, transaction,
                $"SELECT {FaceColumns} WHERE f.collection = $c AND f.row IN ({string.Join(',', names)})",
                collection.FaceModelVersion,
                [("$c", collection.Row), .. chunk.Select((row, i) => (names[i], (object?)row))]));
        }
        return result;
    }

    private static float[]? StoredVector(SqliteConnection connection, SqliteTransaction transaction, CollectionRow collection, string faceId)
    {
        using var command = Sql.Command(connection, transaction, "SELECT vector FROM faces WHERE collection = $c AND face_id = $f", ("$c", collection.Row), ("$f", faceId));
        return command.ExecuteScalar() is byte[] blob ? Sql.Floats(blob) : null;
    }
}
