namespace Likeness.Collections.Tests;

public sealed class CollectionOperationTests : IDisposable
{
    private readonly TestStore _store = new();

    private CollectionService Service => _store.Service;

    public void Dispose() => _store.Dispose();

    [Fact]
    public void CreateThenDescribeReportsTheModelArnAndEmptyCounts()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var created = Service.CreateCollection(TestStore.Account, "my.photos-1_A");
        Assert.Equal(200, created.StatusCode);
        Assert.Equal("aws:rekognition:us-east-1:111111111111:collection/my.photos-1_A", created.CollectionArn);
        Assert.Equal("2.0", created.FaceModelVersion);

        var described = Service.DescribeCollection(TestStore.Account, "my.photos-1_A");
        Assert.Equal(0, described.FaceCount);
        Assert.Equal(0, described.UserCount);
        Assert.Equal("2.0", described.FaceModelVersion);
        Assert.Equal(created.CollectionArn, described.CollectionARN);
        Assert.InRange(described.CreationTimestamp, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void CreatingAnExistingCollectionIsResourceAlreadyExists()
    {
        Service.CreateCollection(TestStore.Account, "dup");
        var e = Assert.Throws<CollectionException>(() => Service.CreateCollection(TestStore.Account, "dup"));
        Assert.Equal("ResourceAlreadyExistsException", e.RekognitionName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("colon:not-allowed")]
    public void MalformedCollectionIdsAreInvalidParameter(string id)
    {
        var e = Assert.Throws<CollectionException>(() => Service.CreateCollection(TestStore.Account, id));
        Assert.Equal(CollectionErrorCode.InvalidParameter, e.Code);
        Assert.Contains("CollectionId", e.Message);
    }

    [Fact]
    public void A256CharacterIdIsRefusedAnd255IsAccepted()
    {
        Service.CreateCollection(TestStore.Account, new string('a', 255));
        var e = Assert.Throws<CollectionException>(() => Service.CreateCollection(TestStore.Account, new string('a', 256)));
        Assert.Equal(CollectionErrorCode.InvalidParameter, e.Code);
    }

    [Fact]
    public void UnknownCollectionsAreResourceNotFoundForEveryOperation()
    {
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.DescribeCollection(TestStore.Account, "nope")).Code);
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.DeleteCollection(TestStore.Account, "nope")).Code);
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.ListFaces(TestStore.Account, "nope")).Code);
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.ListUsers(TestStore.Account, "nope")).Code);
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.CreateUser(TestStore.Account, "nope", "u1")).Code);
        var e = Assert.Throws<CollectionException>(() => Service.AddFaces(TestStore.Account, "nope", [TestStore.Face(TestStore.RandomVector(new Random(1)))]));
        Assert.Equal("The collection id: nope does not exist.", e.Message);
    }

    [Fact]
    public void AnotherAccountsCollectionsAreInvisible()
    {
        Service.CreateCollection(TestStore.Account, "shared-name");
        Service.AddFaces(TestStore.Account, "shared-name", [TestStore.Face(TestStore.RandomVector(new Random(2)))]);

        Assert.Empty(Service.ListCollections(TestStore.OtherAccount).CollectionIds);
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.DescribeCollection(TestStore.OtherAccount, "shared-name")).Code);
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.ListFaces(TestStore.OtherAccount, "shared-name")).Code);
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.DeleteCollection(TestStore.OtherAccount, "shared-name")).Code);

        // The same id in the other account is a different, empty collection.
        Service.CreateCollection(TestStore.OtherAccount, "shared-name");
        Assert.Equal(0, Service.DescribeCollection(TestStore.OtherAccount, "shared-name").FaceCount);
        Assert.Equal(1, Service.DescribeCollection(TestStore.Account, "shared-name").FaceCount);
    }

    [Fact]
    public void ListCollectionsPagesThroughEveryCollectionOnce()
    {
        var ids = Enumerable.Range(0, 7).Select(i => $"c{i}").ToList();
        foreach (var id in ids) Service.CreateCollection(TestStore.Account, id);
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = Service.ListCollections(TestStore.Account, token, maxResults: 3);
            Assert.True(page.CollectionIds.Count <= 3);
            Assert.Equal(page.CollectionIds.Count, page.FaceModelVersions.Count);
            seen.AddRange(page.CollectionIds);
            token = page.NextToken;
            pages++;
        }
        while (token is not null);
        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("TGlzdEZhY2VzL3gKMQ")] // a ListFaces token ("ListFaces/x\n1")
    public void ForeignOrAlteredTokensAreInvalidPaginationToken(string token)
    {
        var e = Assert.Throws<CollectionException>(() => Service.ListCollections(TestStore.Account, token));
        Assert.Equal("InvalidPaginationTokenException", e.RekognitionName);
    }

    [Fact]
    public void MaxResultsOutsideItsRangeIsInvalidParameter()
    {
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.ListCollections(TestStore.Account, maxResults: 4097)).Code);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.ListCollections(TestStore.Account, maxResults: -1)).Code);
    }

    [Fact]
    public void DeleteRemovesTheCollectionWithItsFacesAndUsers()
    {
        Service.CreateCollection(TestStore.Account, "gone");
        Service.AddFaces(TestStore.Account, "gone", [TestStore.Face(TestStore.RandomVector(new Random(3)))]);
        Service.CreateUser(TestStore.Account, "gone", "u1");
        Assert.Equal(200, Service.DeleteCollection(TestStore.Account, "gone").StatusCode);
        Assert.Empty(Service.ListCollections(TestStore.Account).CollectionIds);

        Service.CreateCollection(TestStore.Account, "gone");
        var fresh = Service.DescribeCollection(TestStore.Account, "gone");
        Assert.Equal((0, 0), (fresh.FaceCount, fresh.UserCount));
    }

    [Fact]
    public void AStoreImagesTagThatIsNotABooleanIsInvalidParameter()
    {
        var e = Assert.Throws<CollectionException>(() => Service.CreateCollection(TestStore.Account, "c", new Dictionary<string, string> { [CollectionServiceOptions.StoreImagesTag] = "yes" }));
        Assert.Equal(CollectionErrorCode.InvalidParameter, e.Code);
    }
}
