using System.Text.Json;
using Likeness.Imaging;
using Likeness.Server.Protocol;

namespace Likeness.Server.Images;

/// <summary>
/// The bytes of a request's Image: `Bytes` (base64 in the JSON body) or `S3Object`, served from a local
/// directory that stands in for S3 (`--s3-root DIR`: object KEY of BUCKET is DIR/BUCKET/KEY). Without
/// one, or for an object that is not there, the answer is InvalidS3ObjectException, as from Rekognition.
/// </summary>
public sealed class ImageSource(string? s3Root)
{
    /// <summary>The image's bytes; AwsErrorException for a missing, ambiguous, unreadable or oversize image.</summary>
    public byte[] Read(JsonElement image)
    {
        var hasBytes = image.TryGetProperty("Bytes", out var bytes) && bytes.ValueKind != JsonValueKind.Null;
        var hasS3 = image.TryGetProperty("S3Object", out var s3) && s3.ValueKind != JsonValueKind.Null;
        if (hasBytes == hasS3) throw AwsErrorException.InvalidParameter("Image must have exactly one of Bytes and S3Object.");
        return hasBytes ? FromBase64(bytes) : FromS3(s3);
    }

    private static byte[] FromBase64(JsonElement bytes)
    {
        byte[] data;
        try
        {
            data = bytes.GetBytesFromBase64();
        }
        catch (FormatException)
        {
            throw new AwsErrorException("SerializationException", "Image.Bytes is not valid base64.");
        }
        // The size limit is the decoder's (ImageLimits.Rekognition), answered as ImageTooLargeException.
        if (data.Length == 0) throw AwsErrorException.InvalidParameter("Image.Bytes is empty; send a JPEG or PNG image.");
        return data;
    }

    private byte[] FromS3(JsonElement s3)
    {
        var bucket = s3.TryGetProperty("Bucket", out var b) ? b.GetString() : null;
        var name = s3.TryGetProperty("Name", out var n) ? n.GetString() : null;
        if (string.IsNullOrEmpty(bucket) || string.IsNullOrEmpty(name)) throw new AwsErrorException("InvalidS3ObjectException", "S3Object needs a Bucket and a Name.");
        if (s3Root is null)
        {
            throw new AwsErrorException("InvalidS3ObjectException", "This server has no S3 storage configured; send Image.Bytes, or start it with --s3-root DIR.");
        }
        var root = Path.GetFullPath(Path.Combine(s3Root, bucket));
        var path = Path.GetFullPath(Path.Combine(root, name));
        // A key is a name, never a way out of the bucket's directory.
        var inside = path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !bucket.Contains("..", StringComparison.Ordinal) && Path.GetFullPath(s3Root) != root;
        if (!inside || !File.Exists(path))
        {
            throw new AwsErrorException("InvalidS3ObjectException", "Unable to get object metadata from S3. Check object key, region and/or access permissions.");
        }
        var length = new FileInfo(path).Length;
        // Checked before reading: the decoder would refuse it anyway, after the whole file was in memory.
        if (length > ImageLimits.Rekognition.MaxBytes) throw new AwsErrorException("ImageTooLargeException", $"Image size is too large: {length:N0} bytes; images are limited to {ImageLimits.Rekognition.MaxBytes:N0}.");
        return File.ReadAllBytes(path);
    }
}
