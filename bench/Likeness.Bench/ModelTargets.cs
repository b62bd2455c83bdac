using Likeness.Models.Assets;
using Likeness.Models.Catalog;

namespace Likeness.Bench;

/// <summary>Decides, for each catalog model, which ONNX file the benchmark measures, and says why when there is none.</summary>
public static class ModelTargets
{
    /// <summary>
    /// A model with a pin is measured only when its file matches the pin (<see cref="InstalledAssets.Model"/>);
    /// a model without a pin yet is measured from the cache as it is and marked "unpinned", so a
    /// converter in progress can be timed before its hash is settled; a missing file is skipped.
    /// </summary>
    public static IReadOnlyList<ModelRow> Resolve(InstalledAssets assets, IReadOnlyList<string> only)
    {
        var rows = new List<ModelRow>();
        foreach (var model in ModelCatalog.All.Where(m => only.Count == 0 || only.Contains(m.Name)))
        {
            var row = new ModelRow(model.Name);
            var path = assets.Cache.ModelPath(model.Name);
            if (!File.Exists(path))
            {
                row.Note = $"not installed ({path} is missing; run `{AssetException.FixCommand}`)";
            }
            else if (!AssetPins.Embedded.Models.ContainsKey(model.Name))
            {
                (row.Status, row.Path, row.Note) = ("unpinned", path, "no pin in asset-pins.json yet; measured from the cache as it is");
            }
            else
            {
                try
                {
                    (row.Status, row.Path) = ("pinned", assets.Model(model.Name));
                }
                catch (AssetException e)
                {
                    row.Note = e.Message;
                }
            }
            rows.Add(row);
        }
        return rows;
    }
}
