namespace Likeness.Imaging;

/// <summary>The encoded formats <see cref="ImageDecoder"/> accepts: the two Rekognition accepts.</summary>
public enum ImageFormat
{
    Jpeg = 1,
    Png = 2,
}
