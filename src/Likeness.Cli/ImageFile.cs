using Likeness.Imaging;

namespace Likeness.Cli;

/// <summary>An image named on the command line: a missing file or one over Rekognition's 5 MB is a one-line usage error, before anything is decoded.</summary>
internal static class ImageFile
{
    public static byte[] Read(string path)
    {
        if (!File.Exists(path)) throw new CliUsageException($"No file at {path}; give the path of a JPEG or PNG photo.");
        var limits = ImageLimits.Rekognition;
        var length = new FileInfo(path).Length;
        if (length > limits.MaxBytes)
        {
            throw new CliUsageException($"{path} is {length:N0} bytes; the limit is {limits.MaxBytes:N0} (Rekognition's 5 MB). Resize or recompress it.");
        }
        return File.ReadAllBytes(path);
    }

    public static DecodedImage Decode(string path) => new ImageDecoder(ImageLimits.Rekognition).Decode(Read(path));
}
