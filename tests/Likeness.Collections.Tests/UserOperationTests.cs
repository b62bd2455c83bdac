namespace Likeness.Collections.Tests;

public sealed class UserOperationTests : IDisposable
{
    private const string Collection = "users";
    private readonly TestStore _store = new();
    private readonly Random _random = new(7);

    public UserOperationTests() => Service.CreateCollection(TestStore.Account, Collection);

    private CollectionService Service => _store.Service;

    public void Dispose() => _store.Dispose();

    private string AddFace(float[] vector) => Service.AddFaces(TestStore.Account, Collection, [TestStore.Face(vector)])[0].FaceId;

    [Fact]
    public void CreateListAndDeleteUsers()
    {
        foreach (var id in new[] { "carol", "alice", "bob:1" }) Service.CreateUser(TestStore.Account, Collection, id);
        var listed = Service.ListUsers(TestStore.Account, Collection);
        Assert.Equal(["alice", "bob:1", "carol"], listed.Users.Select(u => u.UserId));
        Assert.All(listed.Users, u => Assert.Equal("CREATED", u.UserStatus));
        Assert.Equal(3, Service.DescribeCollection(TestStore.Account, Collection).UserCount);

        var page = Service.ListUsers(TestStore.Account, Collection, maxResults: 2);
        Assert.Equal(2, page.Users.Count);
        Assert.Equal(["carol"], Service.ListUsers(TestStore.Account, Collection, page.NextToken, 2).Users.Select(u => u.UserId));

        Service.DeleteUser(TestStore.Account, Collection, "alice");
        Assert.Equal(["bob:1", "carol"], Service.ListUsers(TestStore.Account, Collection).Users.Select(u => u.UserId));
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.DeleteUser(TestStore.Account, Collection, "alice")).Code);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.ListUsers(TestStore.Account, Collection, maxResults: 501)).Code);
    }

    [Fact]
    public void CreatingAnExistingUserIsConflictUnlessItIsARetryOfTheSameRequest()
    {
        Service.CreateUser(TestStore.Account, Collection, "dave", "token-1");
        Service.CreateUser(TestStore.Account, Collection, "dave", "token-1"); // a retry: answered as before
        Assert.Equal("ConflictException", Assert.Throws<CollectionException>(() => Service.CreateUser(TestStore.Account, Collection, "dave")).RekognitionName);
        Assert.Equal("IdempotentParameterMismatchException",
            Assert.Throws<CollectionException>(() => Service.CreateUser(TestStore.Account, Collection, "erin", "token-1")).RekognitionName);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.CreateUser(TestStore.Account, Collection, "frank", "bad token!")).Code);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.CreateUser(TestStore.Account, Collection, new string('u', 129))).Code);
    }

    [Fact]
    public void AssociateFacesChecksExistenceOwnershipAndSimilarity()
    {
        var alice = TestStore.RandomVector(_random);
        var a1 = AddFace(alice);
        var a2 = AddFace(TestStore.Near(alice, 0.1, _random));
        var stranger = AddFace(TestStore.RandomVector(_random));
        var bobs = AddFace(TestStore.RandomVector(_random));
        Service.CreateUser(TestStore.Account, Collection, "alice");
        Service.CreateUser(TestStore.Account, Collection, "bob");
        Service.AssociateFaces(TestStore.Account, Collection, "bob", [bobs]);
        var missing = Guid.NewGuid().ToString();

        var result = Service.AssociateFaces(TestStore.Account, Collection, "alice", [a1, a2, stranger, bobs, missing]);
        Assert.Equal([a1, a2], result.AssociatedFaces.Select(f => f.FaceId));
        Assert.Equal("ACTIVE", result.UserStatus);
        var low = Assert.Single(result.UnsuccessfulFaceAssociations, u => u.FaceId == stranger);
        Assert.Equal(["LOW_MATCH_CONFIDENCE"], low.Reasons);
        Assert.InRange(low.Confidence!.Value, 0, 75);
        Assert.Equal(["ASSOCIATED_TO_A_DIFFERENT_USER"], Assert.Single(result.UnsuccessfulFaceAssociations, u => u.FaceId == bobs).Reasons);
        Assert.Equal(["FACE_NOT_FOUND"], Assert.Single(result.UnsuccessfulFaceAssociations, u => u.FaceId == missing).Reasons);

        // Associating again is ignored, not an error; a zero threshold lets the stranger in.
        Assert.Empty(Service.AssociateFaces(TestStore.Account, Collection, "alice", [a1]).AssociatedFaces);
        Assert.Single(Service.AssociateFaces(TestStore.Account, Collection, "alice", [stranger], userMatchThreshold: 0).AssociatedFaces);
        Assert.Equal(CollectionErrorCode.ResourceNotFound, Assert.Throws<CollectionException>(() => Service.AssociateFaces(TestStore.Account, Collection, "nobody", [a1])).Code);
    }

    [Fact]
    public void AUserHoldsAtMostOneHundredFaces()
    {
        var person = TestStore.RandomVector(_random);
        var faces = Enumerable.Range(0, 101).Select(_ => TestStore.Face(TestStore.Near(person, 0.05, _random))).ToList();
        var ids = Service.AddFaces(TestStore.Account, Collection, faces).Select(f => f.FaceId).ToList();
        Service.CreateUser(TestStore.Account, Collection, "many");
        Assert.Equal(100, Service.AssociateFaces(TestStore.Account, Collection, "many", ids.Take(100).ToList()).AssociatedFaces.Count);
        var e = Assert.Throws<CollectionException>(() => Service.AssociateFaces(TestStore.Account, Collection, "many", [ids[100]]));
        Assert.Equal("ServiceQuotaExceededException", e.RekognitionName);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.AssociateFaces(TestStore.Account, Collection, "many", ids)).Code);
    }

    [Fact]
    public void DisassociateAndDeleteUserReleaseFaces()
    {
        var person = TestStore.RandomVector(_random);
        var f1 = AddFace(person);
        var f2 = AddFace(TestStore.Near(person, 0.1, _random));
        var other = AddFace(TestStore.RandomVector(_random));
        Service.CreateUser(TestStore.Account, Collection, "gina");
        Service.AssociateFaces(TestStore.Account, Collection, "gina", [f1, f2]);

        var result = Service.DisassociateFaces(TestStore.Account, Collection, "gina", [f1, other]);
        Assert.Equal([f1], result.DisassociatedFaces.Select(f => f.FaceId));
        Assert.Equal(["ASSOCIATED_TO_A_DIFFERENT_USER"], Assert.Single(result.UnsuccessfulFaceDisassociations).Reasons);
        Assert.Equal("ACTIVE", result.UserStatus);

        Service.DeleteUser(TestStore.Account, Collection, "gina");
        Assert.All(Service.ListFaces(TestStore.Account, Collection).Faces, f => Assert.Null(f.UserId));
        Assert.Empty(Service.DeleteFaces(TestStore.Account, Collection, [f2]).UnsuccessfulFaceDeletions);
    }

    [Fact]
    public void SearchUsersByFaceOrByUserFindsTheClosestUsers()
    {
        var hana = TestStore.RandomVector(_random);
        var ivan = TestStore.RandomVector(_random);
        var hanaFaces = new[] { AddFace(hana), AddFace(TestStore.Near(hana, 0.1, _random)) };
        var ivanFace = AddFace(ivan);
        var probe = AddFace(TestStore.Near(hana, 0.15, _random));
        Service.CreateUser(TestStore.Account, Collection, "hana");
        Service.CreateUser(TestStore.Account, Collection, "ivan");
        Service.AssociateFaces(TestStore.Account, Collection, "hana", hanaFaces);
        Service.AssociateFaces(TestStore.Account, Collection, "ivan", [ivanFace]);

        var byFace = Service.SearchUsers(TestStore.Account, Collection, faceId: probe);
        Assert.Equal(probe, byFace.SearchedFace!.FaceId);
        var match = Assert.Single(byFace.UserMatches);
        Assert.Equal(("hana", "ACTIVE"), (match.User.UserId, match.User.UserStatus));
        Assert.InRange(match.Similarity, 80, 100);

        Assert.Empty(Service.SearchUsers(TestStore.Account, Collection, userId: "hana").UserMatches); // itself left out, ivan too far
        Assert.Equal(2, Service.SearchUsers(TestStore.Account, Collection, faceId: probe, userMatchThreshold: 0).UserMatches.Count);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.SearchUsers(TestStore.Account, Collection)).Code);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.SearchUsers(TestStore.Account, Collection, "hana", probe)).Code);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.SearchUsers(TestStore.Account, Collection, faceId: probe, maxUsers: 501)).Code);
    }
}
