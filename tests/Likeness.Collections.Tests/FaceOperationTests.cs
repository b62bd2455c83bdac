using Likeness.Collections.Storage;
using Microsoft.Data.Sqlite;

namespace Likeness.Collections.Tests;

public sealed class FaceOperationTests : IDisposable
{
    private const string Collection = "faces";
    private readonly TestStore _store = new();
    private readonly Random _random = new(42);

    public FaceOperationTests() => Service.CreateCollection(TestStore.Account, Collection);

    private CollectionService Service => _store.Service;

    public void Dispose() => _store.Dispose();

    [Fact]
    public void AddedFacesAreListedWithTheirIdsBoxesAndExternalImageId()
    {
        var added = Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(TestStore.RandomVector(_random)), TestStore.Face(TestStore.RandomVector(_random), 0.5)], "photo:1.jpg");
        Assert.Equal(2, added.Count);
        Assert.All(added, f => Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", f.FaceId));
        Assert.Single(added.Select(f => f.ImageId).Distinct());

        var listed = Service.ListFaces(TestStore.Account, Collection);
        Assert.Equal(added.Select(f => f.FaceId), listed.Faces.Select(f => f.FaceId));
        Assert.All(listed.Faces, f => Assert.Equal("photo:1.jpg", f.ExternalImageId));
        Assert.Equal(0.5, listed.Faces[1].BoundingBox.Left, 6);
        Assert.Equal("2.0", listed.FaceModelVersion);
        Assert.Equal(2, Service.DescribeCollection(TestStore.Account, Collection).FaceCount);
    }

    [Fact]
    public void ListFacesPagesAndFilters()
    {
        var faces = Enumerable.Range(0, 10).Select(_ => Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(TestStore.RandomVector(_random))])[0]).ToList();
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = Service.ListFaces(TestStore.Account, Collection, token, maxResults: 4);
            seen.AddRange(page.Faces.Select(f => f.FaceId));
            token = page.NextToken;
        }
        while (token is not null);
        Assert.Equal(faces.Select(f => f.FaceId), seen);

        var some = Service.ListFaces(TestStore.Account, Collection, faceIds: [faces[3].FaceId, faces[7].FaceId]);
        Assert.Equal([faces[3].FaceId, faces[7].FaceId], some.Faces.Select(f => f.FaceId));

        Service.CreateUser(TestStore.Account, Collection, "alice");
        Service.AssociateFaces(TestStore.Account, Collection, "alice", [faces[5].FaceId]);
        var alice = Assert.Single(Service.ListFaces(TestStore.Account, Collection, userId: "alice").Faces);
        Assert.Equal((faces[5].FaceId, "alice"), (alice.FaceId, alice.UserId));
    }

    [Fact]
    public void SearchFacesFindsNearFacesMostSimilarFirstAndNeverItself()
    {
        var probe = TestStore.RandomVector(_random);
        var stored = Service.AddFaces(TestStore.Account, Collection,
        [
            TestStore.Face(probe),
            TestStore.Face(TestStore.Near(probe, 0.10, _random)),
            TestStore.Face(TestStore.Near(probe, 0.25, _random)),
        ]);
        for (var i = 0; i < 50; i++) Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(TestStore.RandomVector(_random))]);

        var result = Service.SearchFaces(TestStore.Account, Collection, stored[0].FaceId);
        Assert.Equal(stored[0].FaceId, result.SearchedFaceId);
        Assert.Equal([stored[1].FaceId, stored[2].FaceId], result.FaceMatches.Select(m => m.Face.FaceId));
        Assert.True(result.FaceMatches[0].Similarity >= result.FaceMatches[1].Similarity);
        Assert.All(result.FaceMatches, m => Assert.InRange(m.Similarity, 80, 100));

        var top1 = Service.SearchFaces(TestStore.Account, Collection, stored[0].FaceId, maxFaces: 1);
        Assert.Equal(stored[1].FaceId, Assert.Single(top1.FaceMatches).Face.FaceId);

        // Random unit vectors are ~1.4 apart: no similarity reaches 80, but a 0 threshold returns everything.
        var all = Service.SearchFaces(TestStore.Account, Collection, stored[0].FaceId, faceMatchThreshold: 0);
        Assert.Equal(52, all.FaceMatches.Count);
        Assert.True(all.FaceMatches.Zip(all.FaceMatches.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
    }

    [Fact]
    public void SearchFacesRefusesBadParametersAndUnknownFaces()
    {
        var id = Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(TestStore.RandomVector(_random))])[0].FaceId;
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.SearchFaces(TestStore.Account, Collection, id, maxFaces: 0)).Code);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.SearchFaces(TestStore.Account, Collection, id, maxFaces: 4097)).Code);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.SearchFaces(TestStore.Account, Collection, id, faceMatchThreshold: 101)).Code);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.SearchFaces(TestStore.Account, Collection, "NOT-A-UUID")).Code);
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.SearchFaces(TestStore.Account, Collection, Guid.NewGuid().ToString())).Code);
    }

    [Fact]
    public void DeleteFacesReportsMissingAndUserBoundFacesAndSearchForgetsTheDeleted()
    {
        var probe = TestStore.RandomVector(_random);
        var faces = Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(probe), TestStore.Face(TestStore.Near(probe, 0.1, _random)), TestStore.Face(TestStore.Near(probe, 0.1, _random))]);
        Service.CreateUser(TestStore.Account, Collection, "bob");
        Service.AssociateFaces(TestStore.Account, Collection, "bob", [faces[2].FaceId]);
        var missing = Guid.NewGuid().ToString();

        var result = Service.DeleteFaces(TestStore.Account, Collection, [faces[1].FaceId, faces[2].FaceId, missing]);
        Assert.Equal([faces[1].FaceId], result.DeletedFaces);
        Assert.Contains(result.UnsuccessfulFaceDeletions, u => u.FaceId == missing && u.Reasons.SequenceEqual(["FACE_NOT_FOUND"]));
        Assert.Contains(result.UnsuccessfulFaceDeletions, u => u.FaceId == faces[2].FaceId && u.UserId == "bob" && u.Reasons.SequenceEqual(["ASSOCIATED_TO_AN_EXISTING_USER"]));

        var matches = Service.SearchFaces(TestStore.Account, Collection, faces[0].FaceId).FaceMatches;
        Assert.Equal([faces[2].FaceId], matches.Select(m => m.Face.FaceId));
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.DeleteFaces(TestStore.Account, Collection, [])).Code);
    }

    [Fact]
    public void FacesAndTheirSearchSurviveARestartAndADamagedIndexSnapshot()
    {
        var probe = TestStore.RandomVector(_random);
        var faces = Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(probe), TestStore.Face(TestStore.Near(probe, 0.1, _random))]);
        _store.Reopen();
        Assert.Equal(faces[1].FaceId, Assert.Single(_store.Service.SearchFaces(TestStore.Account, Collection, faces[0].FaceId).FaceMatches).Face.FaceId);

        // Written after the last snapshot: replayed from the change log on the next start.
        var later = _store.Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(TestStore.Near(probe, 0.05, _random))]);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_store.Directory, "indexes"), "*", SearchOption.AllDirectories))
        {
            File.WriteAllBytes(file, [1, 2, 3]);
        }
        _store.Reopen();
        var matches = _store.Service.SearchFaces(TestStore.Account, Collection, faces[0].FaceId).FaceMatches.Select(m => m.Face.FaceId).ToList();
        Assert.Equal([later[0].FaceId, faces[1].FaceId], matches);
    }

    [Fact]
    public void ACollectionOfAnotherFaceModelIsNeverMixed()
    {
        var face = Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(TestStore.RandomVector(_random))])[0];
        Service.CreateCollection(TestStore.Account, "old");
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_store.Directory, CollectionDatabase.FileName)}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE collections SET face_model_version = '0.9', embedder_model = 'faceres/box0.2' WHERE collection_id = 'old'";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<CollectionException>(() => Service.AddFaces(TestStore.Account, "old", [TestStore.Face(TestStore.RandomVector(_random))]));
        Assert.Equal(CollectionErrorCode.InvalidParameter, e.Code);
        Assert.Contains("0.9", e.Message);
        Assert.Contains("reindex", e.Message);
        Assert.Equal("0.9", Service.DescribeCollection(TestStore.Account, "old").FaceModelVersion);
        Assert.NotNull(face);
    }

    [Fact]
    public void FaceCountAgreesWithDescribeWhetherOrNotTheIndexIsLoaded()
    {
        var faces = Service.AddFaces(TestStore.Account, Collection, Enumerable.Range(0, 5).Select(_ => TestStore.Face(TestStore.RandomVector(_random))).ToList());
        _store.Reopen();
        Assert.Equal(5, _store.Service.FaceCount(TestStore.Account, Collection)); // counted: no index loaded yet
        _store.Service.SearchFaces(TestStore.Account, Collection, faces[0].FaceId);
        _store.Service.DeleteFaces(TestStore.Account, Collection, [faces[1].FaceId]);
        Assert.Equal(4, _store.Service.FaceCount(TestStore.Account, Collection)); // from the loaded index, caught up
        Assert.Equal(4, _store.Service.DescribeCollection(TestStore.Account, Collection).FaceCount);
    }

    [Fact]
    public void ConcurrentWritersAndSearchersLoseNothing()
    {
        var probe = TestStore.RandomVector(_random);
        var anchor = Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(probe)])[0];
        var written = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, worker =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 25; i++)
            {
                written.Add(Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(TestStore.Near(probe, 0.05, random))])[0].FaceId);
                Service.SearchFaces(TestStore.Account, Collection, anchor.FaceId, maxFaces: 5);
            }
        });
        var found = Service.SearchFaces(TestStore.Account, Collection, anchor.FaceId).FaceMatches.Select(m => m.Face.FaceId).ToHashSet();
        Assert.Equal(written.ToHashSet(), found);
    }
}
