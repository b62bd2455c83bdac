using Likeness.Collections.Storage;
using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Quality;

namespace Likeness.Collections.Tests;

/// <summary>A collection service over a fresh data directory, removed on dispose; optionally with the real face pipeline.</summary>
public sealed class TestStore : IDisposable
{
    public const string Account = "111111111111";
    public const string OtherAccount = "222222222222";

    private readonly bool _withPipeline;

    public TestStore(bool withPipeline = false)
    {
        _withPipeline = withPipeline;
        Directory = Path.Combine(Path.GetTempPath(), "likeness-collections-" + Guid.NewGuid().ToString("N"));
        Open();
    }

    public string Directory { get; }

    public CollectionDatabase Database { get; private set; } = null!;

    public CollectionService Service { get; private set; } = null!;

    /// <summary>Closes everything and opens the same directory again, as a restart does.</summary>
    public void Reopen()
    {
        Close();
        Open();
    }

    public void Dispose()
    {
        Close();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>A stored-face input with the given vector and a plausible box.</summary>
    public static NewFace Face(float[] vector, double left = 0.1) =>
        new(new FaceBoundingBox(left, 0.2, 0.3, 0.4), 99.5, new FaceQuality(50, 60), vector);

    /// <summary>A random vector with the default model's dimension and the norm face-api's vectors have (about 1).</summary>
    public static float[] RandomVector(Random random, int dimension = 128)
    {
        var v = new float[dimension];
        double sum = 0;
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
            sum += v[i] * v[i];
        }
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < v.Length; i++) v[i] *= scale;
        return v;
    }

    /// <summary><paramref name="v"/> moved by <paramref name="distance"/> in a random direction.</summary>
    public static float[] Near(float[] v, double distance, Random random)
    {
        var direction = RandomVector(random, v.Length);
        return v.Select((x, i) => x + (float)(distance * direction[i])).ToArray();
    }

    private void Open()
    {
        Database = CollectionDatabase.Open(Directory);
        Service = new CollectionService(Database, FaceModel.Default, _withPipeline ? TestPipeline.Instance : null);
    }

    private void Close()
    {
        Service?.Dispose();
        Database?.Dispose();
    }
}
