using Likeness.Cli.Commands;
using Likeness.Models.Assets;

namespace Likeness.Cli.Tests;

/// <summary>Audit embeddings are cached per set of model files, so a re-converted model never reads its predecessor's vectors.</summary>
public sealed class AuditModelsCacheTests
{
    [Fact]
    public void ANewPinForAnyAuditedNetworkGivesANewCacheFolder()
    {
        var pins = AssetPins.Embedded.Models;
        var folder = AuditModels.CacheFolder(pins);

        Assert.Matches("^models-[0-9a-f]{12}$", folder);
        Assert.Equal(folder, AuditModels.CacheFolder(pins.ToDictionary()));
        foreach (var network in AuditModels.Networks)
        {
            var changed = pins.ToDictionary();
            changed[network] = new string('0', 64);
            Assert.NotEqual(folder, AuditModels.CacheFolder(changed));
        }
        // Models an audit does not run leave the cache as it is.
        var unrelated = pins.ToDictionary();
        unrelated["faceres"] = new string('0', 64);
        Assert.Equal(folder, AuditModels.CacheFolder(unrelated));
    }
}
