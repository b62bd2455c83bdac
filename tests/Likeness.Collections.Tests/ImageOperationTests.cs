using Likeness.Imaging;
using Likeness.Imaging.Png;

namespace Likeness.Collections.Tests;

/// <summary>The operations that take an image, on face-api's demo photos through the real pipeline.</summary>
public sealed class ImageOperationTests : IDisposable
{
    private const string Collection = "photos";
    private readonly TestStore _store = new(withPipeline: true);

    public ImageOperationTests()
    {
        Service.CreateCollection(TestStore.Account, Collection);
        Service.CreateCollection(TestStore.Account, "unfiltered");
    }

    private CollectionService Service => _store.Service;

    public void Dispose() => _store.Dispose();

    [Fact]
    public void IndexFacesStoresEveryFaceOfAGroupPhotoAndSearchByImageFindsACropOfOne()
    {
        // The default bar (AUTO) keeps the three people, the only faces the detector reports there.
        var indexed = Service.IndexFaces(TestStore.Account, Collection, TestPipeline.Sample(1), "sample1.jpg");
        Assert.Equal(3, indexed.FaceRecords.Count);
        Assert.Empty(indexed.UnindexedFaces);
        Assert.Equal(3, Service.IndexFaces(TestStore.Account, "unfiltered", TestPipeline.Sample(1), qualityFilter: QualityFilter.None).FaceRecords.Count);
        Assert.Equal("2.0", indexed.FaceModelVersion);
        Assert.All(indexed.FaceRecords, r => Assert.Equal(r.Face.BoundingBox, r.FaceDetail.BoundingBox));
        Assert.Equal(3, Service.DescribeCollection(TestStore.Account, Collection).FaceCount);

        // A crop around the largest face, re-encoded as PNG: a different image of the same face.
        var largest = indexed.FaceRecords[0].Face;
        var crop = Crop(new ImageDecoder().Decode(TestPipeline.Sample(1)), largest.BoundingBox);
        var found = Service.SearchFacesByImage(TestStore.Account, Collection, crop);
        var best = found.FaceMatches[0];
        Assert.Equal(largest.FaceId, best.Face.FaceId);
        Assert.InRange(best.Similarity, 80, 100);
        Assert.InRange(found.SearchedFaceConfidence, 50, 100);
    }

    [Fact]
    public void MaxFacesKeepsTheLargestAndReportsTheRest()
    {
        var indexed = Service.IndexFaces(TestStore.Account, Collection, TestPipeline.Sample(1), maxFaces: 1, qualityFilter: QualityFilter.None);
        var kept = Assert.Single(indexed.FaceRecords);
        Assert.Equal(2, indexed.UnindexedFaces.Count);
        Assert.All(indexed.UnindexedFaces, u => Assert.Equal(["EXCEEDS_MAX_FACES"], u.Reasons));
        Assert.All(indexed.UnindexedFaces, u => Assert.True(u.FaceDetail.BoundingBox.Width * u.FaceDetail.BoundingBox.Height <= kept.Face.BoundingBox.Width * kept.Face.BoundingBox.Height));
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.IndexFaces(TestStore.Account, Collection, TestPipeline.Sample(1), maxFaces: 0)).Code);
    }

    [Fact]
    public void AHighQualityBarDropsFacesWithReasons()
    {
        var none = Service.IndexFaces(TestStore.Account, Collection, TestPipeline.Sample(2), qualityFilter: QualityFilter.None);
        var strict = new QualityBar(10_000, 0, 0, 0, 100, 180); // no real face is 10,000 px wide
        Assert.All(none.FaceRecords, r => Assert.Contains("SMALL_BOUNDING_BOX", strict.Reasons(r.FaceDetail, 10, 10)));
        Assert.NotEmpty(none.FaceRecords);
    }

    [Fact]
    public void ImagesWithoutFacesAndBrokenImagesAreRefusedClearly()
    {
        var blank = PngEncoder.Encode(new DecodedImage(200, 200, new byte[200 * 200 * 3]));
        Assert.Empty(Service.IndexFaces(TestStore.Account, Collection, blank).FaceRecords);
        var e = Assert.Throws<CollectionException>(() => Service.SearchFacesByImage(TestStore.Account, Collection, blank));
        Assert.Equal("There are no faces in the image. Should be at least 1.", e.Message);
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => Service.SearchUsersByImage(TestStore.Account, Collection, blank)).Code);

        var broken = Assert.Throws<ImageDecodingException>(() => Service.IndexFaces(TestStore.Account, Collection, new byte[] { 1, 2, 3, 4, 5 }));
        Assert.Equal(ImageErrorCode.InvalidFormat, broken.Code);
        Assert.Equal(0, Service.DescribeCollection(TestStore.Account, Collection).FaceCount);
    }

    [Fact]
    public void SearchUsersByImageMatchesTheUserOfTheLargestFaceAndListsTheOthers()
    {
        var indexed = Service.IndexFaces(TestStore.Account, Collection, TestPipeline.Sample(1));
        Service.CreateUser(TestStore.Account, Collection, "largest");
        Service.AssociateFaces(TestStore.Account, Collection, "largest", [indexed.FaceRecords[0].Face.FaceId]);

        var result = Service.SearchUsersByImage(TestStore.Account, Collection, TestPipeline.Sample(1));
        Assert.Equal("largest", Assert.Single(result.UserMatches).User.UserId);
        Assert.Equal(2, result.UnsearchedFaces.Count); // the two other people
        Assert.All(result.UnsearchedFaces, u => Assert.Contains("FACE_NOT_LARGEST", u.Reasons));
    }

    private static byte[] Crop(DecodedImage image, Vision.Faces.Analysis.FaceBoundingBox box)
    {
        // The face's box widened by half its size on each side, clamped to the photo.
        var left = (int)Math.Max(0, (box.Left - box.Width / 2) * image.Width);
        var top = (int)Math.Max(0, (box.Top - box.Height / 2) * image.Height);
        var right = (int)Math.Min(image.Width, (box.Left + box.Width * 1.5) * image.Width);
        var bottom = (int)Math.Min(image.Height, (box.Top + box.Height * 1.5) * image.Height);
        int width = right - left, height = bottom - top;
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            image.Pixels.AsSpan(((top + y) * image.Width + left) * 3, width * 3).CopyTo(rgb.AsSpan(y * width * 3));
        }
        return PngEncoder.Encode(new DecodedImage(width, height, rgb));
    }
}

/// <summary>Re-indexing after a model change, which needs the collection to keep its images.</summary>
public sealed class ReindexTests : IDisposable
{
    private readonly TestStore _store = new(withPipeline: true);

    public void Dispose() => _store.Dispose();

    [Fact]
    public void ACollectionThatKeptItsImagesIsReembeddedWithItsFaceIds()
    {
        var service = _store.Service;
        service.CreateCollection(TestStore.Account, "kept", new Dictionary<string, string> { [CollectionServiceOptions.StoreImagesTag] = "true" });
        var indexed = service.IndexFaces(TestStore.Account, "kept", TestPipeline.Sample(1));
        var ids = indexed.FaceRecords.Select(r => r.Face.FaceId).ToHashSet();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_store.Directory, Storage.CollectionDatabase.FileName)}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE collections SET face_model_version = '0.9', embedder_model = 'old/model'; UPDATE faces SET vector = zeroblob(512);";
            command.ExecuteNonQuery();
        }
        Assert.Equal(CollectionErrorCode.InvalidParameter, Assert.Throws<CollectionException>(() => service.SearchFaces(TestStore.Account, "kept", ids.First())).Code);

        var result = service.ReindexCollection(TestStore.Account, "kept");
        Assert.Equal("2.0", result.FaceModelVersion);
        Assert.Equal(ids, result.ReindexedFaces.ToHashSet());
        Assert.Empty(result.RemovedFaces);
        Assert.Equal("2.0", service.DescribeCollection(TestStore.Account, "kept").FaceModelVersion);
        // Re-embedded vectors are real again: searching with one face's own image finds it.
        var match = service.SearchFacesByImage(TestStore.Account, "kept", TestPipeline.Sample(1)).FaceMatches[0];
        Assert.Equal(indexed.FaceRecords[0].Face.FaceId, match.Face.FaceId);
    }

    [Fact]
    public void ACollectionWithoutImagesCannotBeReindexed()
    {
        _store.Service.CreateCollection(TestStore.Account, "plain");
        var e = Assert.Throws<CollectionException>(() => _store.Service.ReindexCollection(TestStore.Account, "plain"));
        Assert.Contains(CollectionServiceOptions.StoreImagesTag, e.Message);
    }
}
