namespace GiamNgheo.Functions.Tests;

/// <summary>One app in the local host over its own Azurite, shared by the tests of a class (each test uses its own province).</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public AppUnderTest Instance { get; private set; } = null!;

    public async Task InitializeAsync() => Instance = await AppUnderTest.StartAsync();

    public async Task DisposeAsync() => await Instance.DisposeAsync();
}
