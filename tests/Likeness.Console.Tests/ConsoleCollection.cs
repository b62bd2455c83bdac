namespace Likeness.Console.Tests;

/// <summary>
/// Every browser test shares one server and runs one at a time: a face detection takes about a second on two
/// cores, and parallel browsers would only make each other's waits flaky.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleServer>
{
    public const string Name = "Console";
}
