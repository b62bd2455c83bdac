using System.Text.Json;

namespace Likeness.Cli.Tests;

public sealed class CollectionCommandsTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "likeness-cli-collections-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    private (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run([.. args, "--data-dir", _data]);

    [Fact]
    public void CollectionsAndUsersRoundTripAsRekognitionJson()
    {
        var created = Run("collections", "create", "team");
        Assert.Equal(0, created.Code);
        Assert.Equal("2.0", JsonDocument.Parse(created.Out).RootElement.GetProperty("FaceModelVersion").GetString());

        var listed = JsonDocument.Parse(Run("collections", "list").Out).RootElement;
        Assert.Equal(["team"], listed.GetProperty("CollectionIds").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(0, Run("users", "create", "team", "ann").Code);
        var users = JsonDocument.Parse(Run("users", "list", "team").Out).RootElement.GetProperty("Users");
        Assert.Equal("CREATED", users[0].GetProperty("UserStatus").GetString());

        var described = JsonDocument.Parse(Run("collections", "describe", "team").Out).RootElement;
        Assert.Equal(1, described.GetProperty("UserCount").GetInt64());
        Assert.True(described.GetProperty("CreationTimestamp").GetDouble() > 1.7e9); // epoch seconds, as AWS JSON 1.1 sends

        // Isolation: another account sees nothing.
        Assert.Empty(JsonDocument.Parse(Run("collections", "list", "--account", "999999999999").Out).RootElement.GetProperty("CollectionIds").EnumerateArray());
        Assert.Equal(0, Run("collections", "delete", "team").Code);
    }

    [Fact]
    public void ErrorsAreOneLineWithTheRekognitionNameAndANonZeroExit()
    {
        var missing = Run("collections", "describe", "nope");
        Assert.Equal(1, missing.Code);
        Assert.Equal("likeness: ResourceNotFoundException: The collection id: nope does not exist.", missing.Err.Trim());

        var usage = Run("faces", "search", "x");
        Assert.Equal(2, usage.Code);
        Assert.Single(usage.Err.Trim().Split('\n'));

        var badNumber = Run("faces", "list", "x", "--max", "many");
        Assert.Equal(2, badNumber.Code);
        Assert.Contains("--max takes a whole number", badNumber.Err);

        var noImage = Run("faces", "index", "x", "/no/such/photo.jpg");
        Assert.Equal(2, noImage.Code);
        Assert.Contains("No file at /no/such/photo.jpg", noImage.Err);
    }
}
