using System.Globalization;
using Likeness.Collections.Results;
using Likeness.Collections.Storage;
using Likeness.Collections.Validation;
using Microsoft.Data.Sqlite;

namespace Likeness.Collections;

public sealed partial class CollectionService
{
    /// <summary>Rekognition's limit of faces per user.</summary>
    public const int MaxFacesPerUser = 100;

    /// <summary>Rekognition's default UserMatchThreshold for AssociateFaces.</summary>
    public const double DefaultAssociationThreshold = 75;

    /// <summary>CreateUser; ConflictException when the user exists (unless this is a retry with the same ClientRequestToken).</summary>
    public void CreateUser(string account, string collectionId, string userId, string? clientRequestToken = null)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        RekognitionParameters.UserId(userId);
        RekognitionParameters.ClientRequestToken(clientRequestToken);
        _database.Write((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            return RequestTokens.Once(connection, transaction, account, "CreateUser", clientRequestToken, new { collectionId, userId }, () =>
            {
                if (UserRow(connection, transaction, collection, userId) is not null)
                {
                    throw new CollectionException(CollectionErrorCode.Conflict, $"User {userId} already exists in collection {collectionId}.");
                }
                Sql.Execute(connection, transaction, "INSERT INTO users (collection, user_id, created_ms) VALUES ($c, $u, $now)",
                    ("$c", collection.Row), ("$u", userId), ("$now", Sql.NowMilliseconds()));
                return true;
            });
        });
    }

    /// <summary>DeleteUser: its faces stay in the collection, disassociated.</summary>
    public void DeleteUser(string account, string collectionId, string userId, string? clientRequestToken = null)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        RekognitionParameters.UserId(userId);
        RekognitionParameters.ClientRequestToken(clientRequestToken);
        _database.Write((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            return RequestTokens.Once(connection, transaction, account, "DeleteUser", clientRequestToken, new { collectionId, userId }, () =>
            {
                var user = RequireUser(connection, transaction, collection, userId);
                Sql.Execute(connection, transaction, "UPDATE faces SET user_row = NULL WHERE user_row = $u", ("$u", user));
                Sql.Execute(connection, transaction, "DELETE FROM users WHERE row = $u", ("$u", user));
                return true;
            });
        });
    }

    /// <summary>ListUsers, by UserId; <paramref name="maxResults"/> 1-500, default 500.</summary>
    public ListUsersResult ListUsers(string account, string collectionId, string? nextToken = null, int? maxResults = null)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        var max = RekognitionParameters.Range("MaxResults", maxResults, 1, 500, 500);
        var listing = $"ListUsers/{collectionId}";
        var after = PageToken.Decode(listing, nextToken) ?? "";
        return _database.Read((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            using var command = Sql.Command(connection, transaction, """
                SELECT u.user_id, EXISTS (SELECT 1 FROM faces f WHERE f.user_row = u.row)
                FROM users u WHERE u.collection = $c AND u.user_id > $after ORDER BY u.user_id LIMIT $n
                """, ("$c", collection.Row), ("$after", after), ("$n", max + 1));
            var users = new List<User>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read()) users.Add(new User(reader.GetString(0), Status(reader.GetInt64(1) != 0)));
            }
            var page = users.Take(max).ToList();
            return new ListUsersResult(page, users.Count > max ? PageToken.Encode(listing, page[^1].UserId) : null);
        });
    }

    /// <summary>
    /// AssociateFaces: each face that exists, belongs to no other user and (when the user already has
    /// faces) reaches <paramref name="userMatchThreshold"/> Similarity to the user's closest face is
    /// associated; the rest are reported with the reason. ServiceQuotaExceededException, changing nothing,
    /// when the user would pass 100 faces.
    /// </summary>
    public AssociateFacesResult AssociateFaces(string account, string collectionId, string userId, IReadOnlyList<string> faceIds, double? userMatchThreshold = null, string? clientRequestToken = null)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        RekognitionParameters.UserId(userId);
        RekognitionParameters.FaceIds(faceIds, MaxFacesPerUser);
        RekognitionParameters.ClientRequestToken(clientRequestToken);
        var threshold = RekognitionParameters.Percent("UserMatchThreshold", userMatchThreshold, DefaultAssociationThreshold);
        return _database.Write((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            RequireSameModel(collection);
            return RequestTokens.Once(connection, transaction, account, "AssociateFaces", clientRequestToken, new { collectionId, userId, faceIds, threshold }, () =>
            {
                var user = RequireUser(connection, transaction, collection, userId);
                var userVectors = UserVectors(connection, transaction, user);
                var associated = new List<AssociatedFace>();
                var failed = new List<UnsuccessfulFaceAssociation>();
                foreach (var faceId in faceIds.Distinct(StringComparer.Ordinal))
                {
                    var face = FaceById(connection, transaction, collection, faceId);
                    if (face is null)
                    {
                        failed.Add(new UnsuccessfulFaceAssociation(faceId, null, null, ["FACE_NOT_FOUND"]));
                        continue;
                    }
                    if (string.Equals(face.Face.UserId, userId, StringComparison.Ordinal)) continue; // already this user's: ignored, as Rekognition does
                    if (face.Face.UserId is not null)
                    {
                        failed.Add(new UnsuccessfulFaceAssociation(faceId, face.Face.UserId, null, ["ASSOCIATED_TO_A_DIFFERENT_USER"]));
                        continue;
                    }
                    var vector = StoredVector(connection, transaction, collection, faceId)!;
                    if (userVectors.Count > 0)
                    {
                        var similarity = userVectors.Max(v => Model.Similarity(Distance(v, vector)));
                        if (similarity < threshold)
                        {
                            failed.Add(new UnsuccessfulFaceAssociation(faceId, userId, similarity, ["LOW_MATCH_CONFIDENCE"]));
                            continue;
                        }
                    }
                    if (userVectors.Count >= MaxFacesPerUser)
                    {
                        throw new CollectionException(CollectionErrorCode.ServiceQuotaExceeded,
                            $"User {userId} would have more than {MaxFacesPerUser} faces; disassociate some first.");
                    }
                    Sql.Execute(connection, transaction, "UPDATE faces SET user_row = $u WHERE row = $r", ("$u", user), ("$r", face.Row));
                    userVectors.Add(vector);
                    associated.Add(new AssociatedFace(faceId));
                }
                return new AssociateFacesResult(associated, failed, Status(userVectors.Count > 0));
            });
        });
    }

    /// <summary>DisassociateFaces: each face that is this user's is released; the rest are reported with the reason.</summary>
    public DisassociateFacesResult DisassociateFaces(string account, string collectionId, string userId, IReadOnlyList<string> faceIds, string? clientRequestToken = null)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        RekognitionParameters.UserId(userId);
        RekognitionParameters.FaceIds(faceIds, MaxFacesPerUser);
        RekognitionParameters.ClientRequestToken(clientRequestToken);
        return _database.Write((connection, transaction) =>
        {
            var collection = Find(connection, transaction, account, collectionId);
            return RequestTokens.Once(connection, transaction, account, "DisassociateFaces", clientRequestToken, new { collectionId, userId, faceIds }, () =>
            {
                var user = RequireUser(connection, transaction, collection, userId);
                var released = new List<DisassociatedFace>();
                var failed = new List<UnsuccessfulFaceDisassociation>();
                foreach (var faceId in faceIds.Distinct(StringComparer.Ordinal))
                {
                    var face = FaceById(connection, transaction, collection, faceId);
                    if (face is null) failed.Add(new UnsuccessfulFaceDisassociation(faceId, null, ["FACE_NOT_FOUND"]));
                    else if (!string.Equals(face.Face.UserId, userId, StringComparison.Ordinal)) failed.Add(new UnsuccessfulFaceDisassociation(faceId, face.Face.UserId, ["ASSOCIATED_TO_A_DIFFERENT_USER"]));
                    else
                    {
                        Sql.Execute(connection, transaction, "UPDATE faces SET user_row = NULL WHERE row = $r", ("$r", face.Row));
                        released.Add(new DisassociatedFace(faceId));
                    }
                }
                var remaining = Sql.Long(connection, transaction, "SELECT count(*) FROM faces WHERE user_row = $u", ("$u", user));
                return new DisassociateFacesResult(released, failed, Status(remaining > 0));
            });
        });
    }

    /// <summary>
    /// SearchUsers: the users whose closest face reaches <paramref name="userMatchThreshold"/> Similarity to the
    /// face <paramref name="faceId"/>, or to any face of the user <paramref name="userId"/> (exactly one of the two);
    /// the searched user itself is left out. Most similar first, at most <paramref name="maxUsers"/> (1-500, default 500).
    /// </summary>
    public SearchUsersResult SearchUsers(string account, string collectionId, string? userId = null, string? faceId = null, double? userMatchThreshold = null, int? maxUsers = null)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        if ((userId is null) == (faceId is null)) throw CollectionException.Invalid("SearchUsers needs exactly one of UserId and FaceId.");
        if (userId is not null) RekognitionParameters.UserId(userId);
        if (faceId is not null) RekognitionParameters.FaceId(faceId);
        var threshold = RekognitionParameters.Percent("UserMatchThreshold", userMatchThreshold, DefaultMatchThreshold);
        var max = RekognitionParameters.Range("MaxUsers", maxUsers, 1, 500, 500);
        var (collection, queries) = _database.Read((connection, transaction) =>
        {
            var found = Find(connection, transaction, account, collectionId);
            RequireSameModel(found);
            if (faceId is not null)
            {
                var vector = StoredVector(connection, transaction, found, faceId)
                    ?? throw new CollectionException(CollectionErrorCode.ResourceNotFound, $"The face id: {faceId} does not exist in collection {collectionId}.");
                return (found, new List<float[]> { vector });
            }
            var vectors = UserVectors(connection, transaction, RequireUser(connection, transaction, found, userId!));
            if (vectors.Count == 0) throw CollectionException.Invalid($"User {userId} has no faces to search with; associate faces first.");
            return (found, vectors);
        });
        var matches = UserMatches(collection, queries, threshold, max, excludedUser: userId);
        return new SearchUsersResult(matches, collection.FaceModelVersion,
            faceId is null ? null : new SearchedFace(faceId), userId is null ? null : new SearchedUser(userId));
    }

    /// <summary>SearchUsersByImage: the largest face passing <paramref name="qualityFilter"/> searched against the users; the other faces are listed as unsearched.</summary>
    public SearchUsersByImageResult SearchUsersByImage(string account, string collectionId, ReadOnlyMemory<byte> image, double? userMatchThreshold = null, int? maxUsers = null, QualityFilter qualityFilter = QualityFilter.None)
    {
        RequireAccount(account);
        RekognitionParameters.CollectionId(collectionId);
        var threshold = RekognitionParameters.Percent("UserMatchThreshold", userMatchThreshold, DefaultMatchThreshold);
        var max = RekognitionParameters.Range("MaxUsers", maxUsers, 1, 500, 500);
        var collection = RequireCollection(account, collectionId);
        var (face, embedding, others) = LargestUsableFace(image, qualityFilter);
        var matches = UserMatches(collection, [embedding], threshold, max, excludedUser: null);
        return new SearchUsersByImageResult(matches, collection.FaceModelVersion, new SearchedFaceDetails(face), others);
    }

    private List<UserMatch> UserMatches(CollectionRow collection, IReadOnlyList<float[]> queries, double threshold, int max, string? excludedUser)
    {
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            foreach (var match in Matches(collection, query, MaxSearchFaces, threshold, excluded: null))
            {
                var user = match.Face.UserId;
                if (user is null || string.Equals(user, excludedUser, StringComparison.Ordinal)) continue;
                best[user] = Math.Max(best.GetValueOrDefault(user), match.Similarity);
            }
        }
        return best
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(max)
            .Select(p => new UserMatch(p.Value, new User(p.Key, "ACTIVE")))
            .ToList();
    }

    private static double Distance(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    private static string Status(bool hasFaces) => hasFaces ? "ACTIVE" : "CREATED";

    private static long? UserRow(SqliteConnection connection, SqliteTransaction transaction, CollectionRow collection, string userId)
    {
        using var command = Sql.Command(connection, transaction, "SELECT row FROM users WHERE collection = $c AND user_id = $u", ("$c", collection.Row), ("$u", userId));
        return command.ExecuteScalar() is long row ? row : null;
    }

    private static long RequireUser(SqliteConnection connection, SqliteTransaction transaction, CollectionRow collection, string userId) =>
        UserRow(connection, transaction, collection, userId)
        ?? throw new CollectionException(CollectionErrorCode.ResourceNotFound, $"User {userId} does not exist in collection {collection.Id}.");

    private static List<float[]> UserVectors(SqliteConnection connection, SqliteTransaction transaction, long userRow)
    {
        using var command = Sql.Command(connection, transaction, "SELECT vector FROM faces WHERE user_row = $u ORDER BY row", ("$u", userRow));
        using var reader = command.ExecuteReader();
        var vectors = new List<float[]>();
        while (reader.Read()) vectors.Add(Sql.Floats((byte[])reader.GetValue(0)));
        return vectors;
    }
}
