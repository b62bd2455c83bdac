namespace Likeness.Bench;

/// <summary>One sample photo of the pipeline section, with the faces each side found in it.</summary>
public sealed class PipelineImage(string path, long bytes)
{
    public string Image => System.IO.Path.GetFileName(Path);

    public string Path { get; } = path;

    /// <summary>Size of the encoded file.</summary>
    public long Bytes { get; } = bytes;

    /// <summary>Decoded width and height, as displayed (after the EXIF orientation).</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Faces in DetectFaces' answer (the same faces the detect + embed workload embeds); null until measured.</summary>
    public int? LikenessFaces { get; set; }

    /// <summary>Faces each peer library embedded, by its bench.mjs name ("human", "faceapi").</summary>
    public SortedDictionary<string, int> PeerFaces { get; } = [];
}
