namespace Likeness.Vision.Faces.Detection;

/// <summary>
/// What <see cref="BlazeFacePyramidDetector"/> needs to know of an opened BlazeFace-family model: the size it was
/// trained at and how its heads lay out anchors.
/// </summary>
/// <param name="ModelName">The catalog model, converted with its input size opened.</param>
/// <param name="TrainedSide">The square input the weights were trained at; the whole-image pass fits the image in it.</param>
/// <param name="Heads">Each head's score and regressor outputs, the anchor stride in input pixels, anchors per cell, and the
/// depth-to-space block the graph would apply after it (the head computes a grid that many times coarser).</param>
public sealed record BlazeFaceNetwork(string ModelName, int TrainedSide, IReadOnlyList<BlazeFaceHead> Heads)
{
    /// <summary>
    /// MediaPipe's short-range BlazeFace (human-models' "blazeface", 256 px): strides 16 and 32 with 2 and 6 anchors
    /// per cell, as its SSD anchor calculator lays them out.
    /// </summary>
    public static BlazeFaceNetwork ShortRange { get; } = new(BlazeFacePyramidDetector.ModelName, 256,
        [new("scores16", "regressors16", 16, 2, 1), new("scores32", "regressors32", 32, 6, 1)]);

    /// <summary>
    /// MediaPipe's full-range detector (human-models' "facemesh-detection-full", 192 px): one anchor per 4x4 px
    /// cell, computed at stride 8 and spread by a 2x2 depth-to-space, which is left to the decoder.
    /// </summary>
    public static BlazeFaceNetwork FullRange { get; } = new("fullrange-anysize", 192, [new("scores", "regressors", 4, 1, 2)]);
}

/// <param name="Block">Depth-to-space block size: channel (i·Block + j)·C + c of head cell (h, w) is anchor cell (h·Block + i, w·Block + j).</param>
public sealed record BlazeFaceHead(string Scores, string Regressors, int Stride, int PerCell, int Block);
