namespace GiamNgheo.Functions.Tests.LocalHost;

/// <summary>A throw-away app root in the repository layout: host.json plus <c>functions/&lt;name&gt;/function.json</c>.</summary>
internal sealed class TestAppRoot : IDisposable
{
    public const string DefaultHostJson = """
        {
          "version": "2.0",
          "functionTimeout": "00:01:00",
          "extensions": {
            "queues": { "messageEncoding": "base64", "maxDequeueCount": 5, "visibilityTimeout": "00:00:00", "batchSize": 16 },
            "blobs": { "maxDegreeOfParallelism": 4 }
          }
        }
        """;

    private TestAppRoot(string path) => Path = path;

    public string Path { get; }

    public static TestAppRoot Create(params (string Name, string FunctionJson)[] functions) => CreateWithHost(DefaultHostJson, functions);

    public static TestAppRoot CreateWithHost(string hostJson, params (string Name, string FunctionJson)[] functions)
    {
        var root = new TestAppRoot(Directory.CreateTempSubdirectory("giamngheo-approot-").FullName);
        File.WriteAllText(System.IO.Path.Combine(root.Path, "host.json"), hostJson);
        foreach (var (name, json) in functions)
        {
            var folder = Directory.CreateDirectory(System.IO.Path.Combine(root.Path, "functions", name)).FullName;
            File.WriteAllText(System.IO.Path.Combine(folder, "function.json"), json);
        }

        return root;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
