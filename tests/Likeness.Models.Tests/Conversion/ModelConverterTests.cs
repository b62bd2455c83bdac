using Likeness.Models.Assets;
using Likeness.Models.Catalog;
using Likeness.Models.Conversion;

namespace Likeness.Models.Tests.Conversion;

public sealed class ModelConverterTests
{
    public static TheoryData<string> Models => new(ModelCatalog.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryCatalogModelConvertsToExactlyItsPinnedBytes(string name)
    {
        var model = ModelCatalog.Get(name);
        var source = TestAssets.Installed.PackageFile(model.Package, model.SourcePath);

        var bytes = ModelConverter.Convert(model, source);

        Assert.Equal(AssetPins.Embedded.Models[name], FileHash.Sha256(bytes));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void TheCatalogStatesTheInputShapeOfTheConvertedModel(string name)
    {
        var model = ModelCatalog.Get(name);
        var bytes = ModelConverter.Convert(model, TestAssets.Installed.PackageFile(model.Package, model.SourcePath));

        using var session = TestAssets.Runtime.OpenSession(bytes);

        var input = Assert.Single(session.Inputs);
        // The catalog names open dimensions: "batch" on the first axis, then an image's height and width in order
        // (NHWC for TF.js's own inputs, NCHW for a cut's inner input).
        var spatial = new Queue<string>(["height", "width"]);
        var shape = string.Join(",", input.Shape.Select((d, i) =>
            d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : i == 0 ? "batch" : spatial.Dequeue()));
        Assert.Equal(model.InputShape, shape);
    }
}
