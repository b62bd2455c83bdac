using System.Diagnostics;
using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Pipeline;
using Likeness.Vision.Onnx;

namespace Likeness.Bench.Vectors;

/// <summary>
/// Embeddings of the evaluation images in ../shared/data (lfw-dev and utkface-dev) made by the default
/// pipeline, one row per image with a face. <see cref="Labels"/> is the identity: the LFW folder name, or
/// the UTKFace file name (every UTKFace image is a different person, shared/data/README.md).
/// </summary>
internal sealed record RealFaceSet(string ModelId, int Dimension, float[] Vectors, string[] Labels, bool[] IsLfw, int LfwImages, int UtkImages, int LfwSkipped, int UtkSkipped, int UtkPadded, TimeSpan EmbedTime, bool FromCache)
{
    public int Count => Labels.Length;
    public ReadOnlySpan<float> Row(int i) => Vectors.AsSpan(i * Dimension, Dimension);

    /// <summary>The data root: <paramref name="explicitPath"/>, else $LIKENESS_EVAL_DATA, else the first shared/data walking up from the working directory.</summary>
    public static string FindRoot(string? explicitPath)
    {
        string? root = !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath : Environment.GetEnvironmentVariable("LIKENESS_EVAL_DATA");
        if (string.IsNullOrWhiteSpace(root))
        {
            for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null && root is null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate)) root = candidate;
            }
        }
        if (root is null || !Directory.Exists(Path.Combine(root, "lfw-dev", "images")) || !Directory.Exists(Path.Combine(root, "utkface-dev")))
        {
            throw new DirectoryNotFoundException($"--real: no lfw-dev/images and utkface-dev under {root ?? "$LIKENESS_EVAL_DATA or any ../shared/data"}; pass the data folder (e.g. --real ../shared/data).");
        }
        return root;
    }

    /// <summary>Embeds every image (or reads the cache file made by an earlier run with the same model and image list).</summary>
    public static RealFaceSet Load(string root, string cacheDirectory)
    {
        var lfw = Directory.EnumerateFiles(Path.Combine(root, "lfw-dev", "images"), "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var utk = Directory.EnumerateFiles(Path.Combine(root, "utkface-dev"), "*.jpg").Order(StringComparer.Ordinal).ToArray();
        // FacePipeline.OpenDefault embeds with FaceEmbedderSpec.Default; its id keys the cache.
        string modelId = FaceEmbedderSpec.Default.ModelId;
        string cacheFile = Path.Combine(cacheDirectory, $"real-{modelId.Replace('/', '_')}-{lfw.Length}-{utk.Length}.bin");
        if (TryRead(cacheFile, modelId, lfw.Length, utk.Length) is { } cached) return cached;

        var assets = InstalledAssets.Default();
        // One ONNX thread per session and one image per core: these models are too small to split well.
        using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { LibraryPath = assets.OnnxRuntimeLibrary(), IntraOpThreads = 1 });
        using var pipeline = FacePipeline.OpenDefault(runtime, assets);
        if (pipeline.EmbedderModelId != modelId) throw new InvalidOperationException($"the default pipeline embeds with {pipeline.EmbedderModelId}, not {modelId}");

        var files = lfw.Concat(utk).ToArray();
        var vectors = new float[files.Length][];
        var padded = new bool[files.Length];
        int done = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var image = new ImageDecoder().Decode(File.ReadAllBytes(files[i]));
            var faces = pipeline.Detect(image);
            if (faces.Count == 0 && i >= lfw.Length)
            {
                // UTKFace chips are cut tight around the face; BlazeFace wants context (as UtkFaceAttributeEvaluator does).
                image = Pad(image);
                faces = pipeline.Detect(image);
                padded[i] = faces.Count > 0;
            }
            if (faces.Count > 0) vectors[i] = pipeline.Embed(image, faces[0]).Vector.ToArray();
            int n = Interlocked.Increment(ref done);
            if (n % 50 == 0 || n == files.Length)
            {
                double rate = n / clock.Elapsed.TotalSeconds;
                Console.Error.Write($"\r[vectors] embedding real faces {n:N0}/{files.Length:N0} ({rate:F0}/s, ~{(files.Length - n) / rate:F0} s left)   ");
            }
        });
        Console.Error.WriteLine();
        clock.Stop();

        int dimension = vectors.First(v => v is not null).Length;
        var kept = Enumerable.Range(0, files.Length).Where(i => vectors[i] is not null).ToArray();
        var flat = new float[kept.Length * dimension];
        for (int r = 0; r < kept.Length; r++) vectors[kept[r]].CopyTo(flat, r * dimension);
        var set = new RealFaceSet(
            modelId, dimension, flat,
            kept.Select(i => i < lfw.Length ? "lfw:" + Path.GetFileName(Path.GetDirectoryName(files[i])!) : "utk:" + Path.GetFileName(files[i])).ToArray(),
            kept.Select(i => i < lfw.Length).ToArray(),
            lfw.Length, utk.Length,
            Enumerable.Range(0, lfw.Length).Count(i => vectors[i] is null),
            Enumerable.Range(lfw.Length, utk.Length).Count(i => vectors[i] is null),
            padded.Count(p => p), clock.Elapsed, FromCache: false);
        Write(cacheFile, set);
        Console.Error.WriteLine($"[vectors] cached {set.Count:N0} real embeddings in {cacheFile}");
        return set;
    }

    private static DecodedImage Pad(DecodedImage image)
    {
        var (width, height) = (image.Width * 2, image.Height * 2);
        var pixels = new byte[width * height * 3];
        var (left, top) = (image.Width / 2, image.Height / 2);
        for (int y = 0; y < image.Height; y++) Array.Copy(image.Pixels, y * image.Width * 3, pixels, ((top + y) * width + left) * 3, image.Width * 3);
        return new DecodedImage(width, height, pixels);
    }

    private const string Magic = "likeness-bench-real-v1";

    private static void Write(string path, RealFaceSet set)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Magic);
            writer.Write(set.ModelId);
            writer.Write(set.Dimension);
            writer.Write(set.Count);
            foreach (int value in (int[])[set.LfwImages, set.UtkImages, set.LfwSkipped, set.UtkSkipped, set.UtkPadded]) writer.Write(value);
            writer.Write(set.EmbedTime.Ticks);
            for (int i = 0; i < set.Count; i++)
            {
                writer.Write(set.Labels[i]);
                writer.Write(set.IsLfw[i]);
            }
            foreach (float v in set.Vectors) writer.Write(v);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static RealFaceSet? TryRead(string path, string modelId, int lfwImages, int utkImages)
    {
        if (!File.Exists(path)) return null;
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != Magic || reader.ReadString() != modelId) return null;
        int dimension = reader.ReadInt32(), count = reader.ReadInt32();
        var counts = Enumerable.Range(0, 5).Select(_ => reader.ReadInt32()).ToArray();
        if (counts[0] != lfwImages || counts[1] != utkImages) return null;
        var time = TimeSpan.FromTicks(reader.ReadInt64());
        var labels = new string[count];
        var isLfw = new bool[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = reader.ReadString();
            isLfw[i] = reader.ReadBoolean();
        }
        var vectors = new float[count * dimension];
        for (int i = 0; i < vectors.Length; i++) vectors[i] = reader.ReadSingle();
        Console.Error.WriteLine($"[vectors] read {count:N0} real embeddings ({modelId}) from {path}");
        return new RealFaceSet(modelId, dimension, vectors, labels, isLfw, counts[0], counts[1], counts[2], counts[3], counts[4], time, FromCache: true);
    }
}
