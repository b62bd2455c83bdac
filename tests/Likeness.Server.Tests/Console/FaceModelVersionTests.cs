namespace Likeness.Server.Tests.Console;

/// <summary>A server started with an older face model (`likeness serve --face-model 1.0`) uses it for collections, the console, its calibration and the accountability report.</summary>
public sealed class FaceModelVersionTests
{
    [Fact]
    public async Task AServerOnFaceModel1CreatesVersion1CollectionsAndShowsThatModelsCalibration()
    {
        await using var server = await ConsoleServer.StartAsync(o => o with { FaceModelVersion = "1.0" });
        var client = server.Client(server.NewKey("old-model"));

        var created = (await client.Rekognition("CreateCollection", new { CollectionId = "kept" })).Ok();
        Assert.Equal("1.0", created.GetProperty("FaceModelVersion").GetString());

        var version1 = Likeness.Collections.FaceModel.Version1;
        Assert.Equal(version1.EmbedderModelId, (await client.Console("WhoAmI")).Ok().GetProperty("FaceModelId").GetString());
        var calibration = (await client.Console("GetCalibration")).Ok();
        Assert.Equal(version1.Calibration.ModelId, calibration.GetProperty("ModelId").GetString());
        Assert.NotEqual(Likeness.Collections.FaceModel.Default.Calibration.ModelId, calibration.GetProperty("ModelId").GetString());

        // The accountability report describes the model this server runs, not the default.
        var html = (await server.Client(server.GovernanceKey()).Console("GetAccountabilityReport")).Ok().GetProperty("Html").GetString()!;
        Assert.Contains(version1.EmbedderModelId, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Likeness.Collections.FaceModel.Default.EmbedderModelId, html, StringComparison.Ordinal);
    }
}
