namespace Likeness.Server.Tests.Console;

/// <summary>One <see cref="ConsoleServer"/> for a test class whose tests do not change the policy (each makes its own accounts).</summary>
public sealed class ConsoleServerFixture : IAsyncLifetime
{
    public ConsoleServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ConsoleServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
