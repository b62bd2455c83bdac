using System.Diagnostics;
using System.Text.Json;
using Likeness.Collections;
using Likeness.Collections.Storage;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;

namespace Likeness.Cli.Tests;

/// <summary>
/// An acknowledged IndexFaces survives kill -9: a child `likeness faces index` streams photos into a
/// collection, printing each photo's response once it is committed; it is killed (SIGKILL) in the middle
/// of the stream, and the store must then hold every acknowledged face, whole, and no partial photo.
/// </summary>
public sealed class CollectionDurabilityTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "likeness-durability-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public void EveryAcknowledgedFaceSurvivesKill9AndNoPhotoIsHalfWritten()
    {
        Assert.Equal(0, CliRunner.Run("collections", "create", "durable", "--data-dir", _data).Code);
        var photo = InstalledAssets.Default().PackageFile(ModelCatalog.FaceApi, "demo/sample1.jpg");
        const int FacesPerPhoto = 3; // sample1.jpg's three people under the default quality bar

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "likeness.dll"), "faces", "index", "durable", "--data-dir", _data }) start.ArgumentList.Add(a);
        for (var i = 0; i < 40; i++) start.ArgumentList.Add(photo);

        var acknowledged = new List<(string ImageId, List<string> FaceIds)>();
        using (var child = Process.Start(start)!)
        {
            child.ErrorDataReceived += (_, _) => { };
            child.BeginErrorReadLine();
            while (acknowledged.Count < 4)
            {
                var line = child.StandardOutput.ReadLine();
                Assert.True(line is not null, "the child stopped before acknowledging four photos");
                var records = JsonDocument.Parse(line).RootElement.GetProperty("Response").GetProperty("FaceRecords");
                var ids = records.EnumerateArray().Select(r => r.GetProperty("Face").GetProperty("FaceId").GetString()!).ToList();
                acknowledged.Add((records[0].GetProperty("Face").GetProperty("ImageId").GetString()!, ids));
            }
            child.Kill(entireProcessTree: true); // SIGKILL: no cleanup, no flush, no snapshot save
            child.WaitForExit();
            Assert.NotEqual(0, child.ExitCode);
        }

        using var database = CollectionDatabase.Open(_data);
        using var service = new CollectionService(database, FaceModel.Default, pipeline: null);
        var stored = service.ListFaces("000000000000", "durable", maxResults: 4096).Faces;
        var storedIds = stored.Select(f => f.FaceId).ToHashSet();
        foreach (var (_, ids) in acknowledged)
        {
            Assert.Equal(FacesPerPhoto, ids.Count);
            Assert.All(ids, id => Assert.Contains(id, storedIds));
        }
        // Whole photos only: every photo in the store has all its faces; at most one beyond those acknowledged
        // (committed just before the kill, its line not yet printed).
        var byImage = stored.GroupBy(f => f.ImageId).ToList();
        Assert.All(byImage, g => Assert.Equal(FacesPerPhoto, g.Count()));
        Assert.InRange(byImage.Count, acknowledged.Count, acknowledged.Count + 1);

        // The vectors are intact and searchable: each copy of the largest face finds the others at the top.
        var first = acknowledged[0].FaceIds[0];
        var matches = service.SearchFaces("000000000000", "durable", first).FaceMatches;
        var copies = acknowledged.Skip(1).Select(a => a.FaceIds[0]).ToHashSet();
        Assert.Superset(copies, matches.Take(copies.Count).Select(m => m.Face.FaceId).ToHashSet());
        Assert.All(matches.Take(copies.Count), m => Assert.InRange(m.Similarity, 99, 100));
    }
}
