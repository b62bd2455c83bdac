namespace Likeness.Models.Catalog;

/// <summary>How a model's weights are published, which decides the converter that reads them.</summary>
public enum ModelSourceFormat
{
    /// <summary>A TF.js graph model: model.json (topology + weights manifest) and .bin shards.</summary>
    TfjsGraph,

    /// <summary>A face-api weight map: *-weights_manifest.json and .bin; the architecture is face-api's source code.</summary>
    FaceApiWeightMap,

    /// <summary>A network serialised by dlib (.dat); the architecture is face-api's port of it.</summary>
    DlibDnn,
}
