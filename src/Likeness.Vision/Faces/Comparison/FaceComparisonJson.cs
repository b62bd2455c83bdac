namespace Likeness.Vision.Faces.Comparison;

/// <summary>Rekognition's CompareFaces response (botocore rekognition/2016-06-27 CompareFacesResponse), for the CLI and the server alike.</summary>
public static class FaceComparisonJson
{
    /// <summary>An object that serialises to CompareFacesResponse: property names and order as AWS sends them.</summary>
    public static object Response(FaceComparison result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new
        {
            SourceImageFace = result.SourceImageFace is null ? null : new { BoundingBox = Box(result.SourceImageFace), result.SourceImageFace.Confidence },
            FaceMatches = result.FaceMatches.Select(m => new { m.Similarity, Face = Face(m.Face) }).ToList(),
            UnmatchedFaces = result.UnmatchedFaces.Select(u => Face(u.Face)).ToList(),
        };
    }

    private static object Face(ComparedFace face) => new { BoundingBox = Box(face), face.Confidence };

    private static object Box(ComparedFace face) => new { face.Width, face.Height, face.Left, face.Top };
}
