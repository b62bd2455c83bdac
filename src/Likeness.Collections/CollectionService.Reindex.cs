using Likeness.Collections.Results;
using Likeness.Collections.Storage;
using Likeness.Collections.Validation;
using Likeness.Vision.Faces.Analysis;

namespace Likeness.Collections;

public sealed partial class CollectionService
{
    /// <summary>Least overlap (IoU) between a stored face's box and a face found again in its image for the two to be the same face.</summary>
    public const double ReindexMinOverlap = 0.5;

    /// <summary>
    /// Re-embeds every face of a collection that kept its source images with this service's face model,
    /// keeping FaceIds, users and external ids; afterwards the collection is of the current model version.
    /// A face the current detector no longer finds in its image is removed (its old vector cannot be
    /// compared with new ones) and listed. InvalidParameterException for a collection that kept no images.
    /// </summary>
    public ReindexResult ReindexCollection(string account, string collectionId)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        var pipeline = RequirePipeline();
        var (collection, images) = _database.Read((connection, transaction) =>
        {
            var found = Find(connection, transaction, account, collectionId);
            if (!found.StoreImages)
            {
                throw CollectionException.Invalid($"Collection {collectionId} kept no source images, so it cannot be re-indexed; index its photos again into a new collection " +
                    $"(create collections with the tag {CollectionServiceOptions.StoreImagesTag}=true to make this possible).");
            }
            using var command = Sql.Command(connection, transaction, "SELECT image_id FROM images WHERE collection = $c ORDER BY image_id", ("$c", found.Row));
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read()) ids.Add(reader.GetString(0));
            return (found, ids);
        });

        var vectors = new Dictionary<long, float[]>();
        var removed = new List<(long Row, string FaceId)>();
        foreach (var imageId in images)
        {
            var (bytes, stored) = _database.Read((connection, transaction) =>
            {
                using var command = Sql.Command(connection, transaction, "SELECT bytes FROM images WHERE image_id = $i", ("$i", imageId));
                var blob = (byte[])command.ExecuteScalar()!;
                return (blob, ReadFaces(connection, transaction, $"SELECT {FaceColumns} WHERE f.collection = $c AND f.image_id = $i", collection.FaceModelVersion,
                    ("$c", collection.Row), ("$i", imageId)));
            });
            var decoded = Decode(bytes);
            var found = pipeline.Detect(decoded).ToList();
            foreach (var face in stored)
            {
                var match = found.Select(f => (Face: f, Overlap: Overlap(f.BoundingBox, face.Face.BoundingBox))).MaxBy(p => p.Overlap);
                if (match.Face is null || match.Overlap < ReindexMinOverlap)
                {
                    removed.Add((face.Row, face.Face.FaceId));
                    continue;
                }
                found.Remove(match.Face);
                vectors[face.Row] = pipeline.Embed(decoded, match.Face).Vector.ToArray();
            }
        }

        var reindexed = _database.Write((connection, transaction) =>
        {
            var current = Find(connection, transaction, account, collectionId);
            if (current.Row != collection.Row) throw new CollectionException(CollectionErrorCode.ResourceNotFound, $"The collection id: {collectionId} does not exist.");
            var ids = new List<string>();
            foreach (var (row, vector) in vectors)
            {
                if (Sql.Execute(connection, transaction, "UPDATE faces SET vector = $v WHERE row = $r", ("$v", Sql.Blob(vector)), ("$r", row)) == 0) continue;
                using var command = Sql.Command(connection, transaction, "SELECT face_id FROM faces WHERE row = $r", ("$r", row));
                ids.Add((string)command.ExecuteScalar()!);
            }
            foreach (var (row, _) in removed)
            {
                Sql.Execute(connection, transaction, "DELETE FROM faces WHERE row = $r", ("$r", row));
            }
            // Faces indexed from images that were not kept have no way to be re-embedded: they go too.
            Sql.Execute(connection, transaction, "DELETE FROM faces WHERE collection = $c AND image_id NOT IN (SELECT image_id FROM images WHERE collection = $c)", ("$c", collection.Row));
            Sql.Execute(connection, transaction, "UPDATE collections SET face_model_version = $v, embedder_model = $m WHERE row = $c",
                ("$v", Model.Version), ("$m", Model.EmbedderModelId), ("$c", collection.Row));
            return ids;
        });
        // Every vector changed: the index is rebuilt from the table on next use.
        _indexes.Drop(collection.Row);
        return new ReindexResult(Model.Version, images.Count, reindexed, removed.Select(r => r.FaceId).ToList());
    }

    private static double Overlap(FaceBoundingBox a, FaceBoundingBox b)
    {
        var width = Math.Max(0, Math.Min(a.Left + a.Width, b.Left + b.Width) - Math.Max(a.Left, b.Left));
        var height = Math.Max(0, Math.Min(a.Top + a.Height, b.Top + b.Height) - Math.Max(a.Top, b.Top));
        var intersection = width * height;
        var union = a.Width * a.Height + b.Width * b.Height - intersection;
        return union > 0 ? intersection / union : 0;
    }
}
