using GiamNgheo.Testing;

namespace GiamNgheo.LocalHost.Tests;

public sealed class HostSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("giamngheo-hostjson-").FullName;

    [Fact]
    public void The_function_apps_host_json_is_read_as_the_host_reads_it()
    {
        var settings = HostSettings.Load(Path.Combine(RepositoryRoot.Find(), "functions", "GiamNgheo.Functions", "host.json"));

        Assert.Equal("", settings.RoutePrefix);
        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal("GiamNgheo", settings.TaskHubName);
        Assert.True(settings.QueueMessagesBase64);
        // Values the file sets away from the defaults: durations and nested keys are read, not left at their default.
        Assert.Equal(TimeSpan.FromSeconds(10), settings.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.MaxQueuePollingInterval);
    }

    [Fact]
    public void Missing_keys_keep_the_hosts_defaults()
    {
        var settings = HostSettings.Load(Write("""{ "version": "2.0" }"""));

        Assert.Equal(new HostSettings(), settings);
        Assert.Equal(("api", 5, "TestHubName"), (settings.RoutePrefix, settings.MaxDequeueCount, settings.TaskHubName));
    }

    [Fact]
    public void Keys_are_read_whatever_their_case_and_encoding_none_means_raw_bodies()
    {
        var settings = HostSettings.Load(Write("""
            { "Extensions": { "Queues": { "MaxDequeueCount": 2, "MessageEncoding": "None" }, "HTTP": { "RoutePrefix": "" } } }
            """));

        Assert.Equal(2, settings.MaxDequeueCount);
        Assert.False(settings.QueueMessagesBase64);
        Assert.Equal("", settings.RoutePrefix);
        Assert.Equal(new HostSettings().FunctionTimeout, settings.FunctionTimeout);
    }

    [Fact]
    public void Missing_file_is_an_error()
    {
        Assert.Throws<FileNotFoundException>(() => HostSettings.Load(Path.Combine(_folder, "host.json")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "host.json");
        File.WriteAllText(path, json);
        return path;
    }
}
