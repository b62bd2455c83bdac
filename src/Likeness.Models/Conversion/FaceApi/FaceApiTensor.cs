namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// A value in the graph being built: its name and its NCHW geometry (the batch stays symbolic). The nets
/// have fixed input sizes, so every spatial size is known while converting and TF's "same" padding can be
/// written as explicit pads.
/// </summary>
internal readonly record struct FaceApiTensor(string Name, int Channels, int Height, int Width);
