namespace Likeness.Bench;

/// <summary>One photo's line in the decoding results.</summary>
public sealed class DecodingRow(string path, long bytes)
{
    public string Image => System.IO.Path.GetFileName(Path);

    public string Path { get; } = path;

    /// <summary>Size of the encoded file.</summary>
    public long Bytes { get; } = bytes;

    /// <summary>Decoded width and height, as displayed (after the EXIF orientation).</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Likeness.Imaging.ImageDecoder.Decode; null when it failed.</summary>
    public Measurement? Likeness { get; set; }

    /// <summary>The peer's jpeg-js decode; null without the peer.</summary>
    public PeerTiming? Peer { get; set; }

    /// <summary>Other processes' share of the machine's CPU while this photo's Likeness and peer runs were timed (the larger of the two).</summary>
    public double? OthersCpuShare { get; set; }

    /// <summary>How many times the pair was measured: above 1 when other work disturbed an attempt and it was repeated.</summary>
    public int Attempts { get; set; }

    public string? Note { get; set; }
}
