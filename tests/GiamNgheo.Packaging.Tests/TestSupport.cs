using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using GiamNgheo.Testing;

namespace GiamNgheo.Packaging.Tests;

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "giamngheo-packaging-") => Root = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Root { get; }

    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public string Write(string relativePath, string content)
    {
        var path = Path(relativePath.Split('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}

/// <summary>
/// A small stand-in for a self-contained publish: the handler apphost (named as host.json says), a few managed and
/// native files and a nested folder. Real publishes are too slow for the test suite.
/// </summary>
internal static class FakePublish
{
    public static readonly string[] OtherFiles =
    [
        "GiamNgheo.Functions.dll",
        "GiamNgheo.Functions.deps.json",
        "GiamNgheo.Functions.runtimeconfig.json",
        "appsettings.json",
        "libSystem.Native.so",
        "runtimes/linux-x64/native/libfake.so",
    ];

    /// <summary>Writes the fake publish folder under <paramref name="folder"/> and returns its path.</summary>
    public static string Create(TempFolder folder, string executableName, string name = "publish")
    {
        var root = folder.Path(name);
        Directory.CreateDirectory(root);
        // An ELF magic number, so the file looks like the apphost it stands for.
        File.WriteAllBytes(Path.Combine(root, executableName), [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0]);
        foreach (var relative in OtherFiles)
        {
            var path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "content of " + relative);
        }

        return root;
    }
}

/// <summary>The repository's real app (host.json + functions/) packaged once with a fake publish folder.</summary>
public sealed class RepositoryPackageFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public RepositoryPackageFixture()
    {
        AppRoot = RepositoryRoot.Find();
        Handler = DeploymentPackage.ReadHandlerLayout(AppRoot);
        PublishDir = FakePublish.Create(_temp, Handler.ExecutableName);
        Result = DeploymentPackage.Build(AppRoot, PublishDir, _temp.Path("out", "package.zip"));
        CentralDirectory = ZipCentralDirectory.Read(Result.OutputZip);
    }

    public string AppRoot { get; }

    public HandlerLayout Handler { get; }

    public string PublishDir { get; }

    public DeploymentPackageResult Result { get; }

    internal IReadOnlyList<CentralRecord> CentralDirectory { get; }

    internal string TempPath(params string[] parts) => _temp.Path(parts);

    public void Dispose() => _temp.Dispose();
}

/// <summary>One central directory record as written in the zip, read without System.IO.Compression.</summary>
/// <param name="Name">Entry name.</param>
/// <param name="MadeByHost">Upper byte of "version made by": 0 MS-DOS, 3 Unix.</param>
/// <param name="ExternalAttributes">External file attributes; Unix mode in the upper 16 bits.</param>
internal sealed record CentralRecord(string Name, byte MadeByHost, uint ExternalAttributes)
{
    public int UnixMode => (int)(ExternalAttributes >> 16);

    public bool IsExecutable => (UnixMode & 0b001_001_001) != 0;
}

/// <summary>Reads the central directory of a zip straight from its bytes (APPNOTE 4.3.12 and 4.3.16).</summary>
internal static class ZipCentralDirectory
{
    public static IReadOnlyList<CentralRecord> Read(string zipPath) => Read(File.ReadAllBytes(zipPath));

    public static IReadOnlyList<CentralRecord> Read(byte[] zip)
    {
        var end = FindEndRecord(zip);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(end + 10));
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        var records = new List<CentralRecord>(count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(0x02014b50u, BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(offset)));
            var madeByHost = zip[offset + 5];
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 32));
            var external = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(offset + 38));
            var name = Encoding.UTF8.GetString(zip, offset + 46, nameLength);
            records.Add(new CentralRecord(name, madeByHost, external));
            offset += 46 + nameLength + extraLength + commentLength;
        }

        return records;
    }

    /// <summary>Sets the "made by" host byte of every record, to imitate a zip written on another OS.</summary>
    public static void SetMadeByHost(byte[] zip, byte host)
    {
        var end = FindEndRecord(zip);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(end + 10));
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        for (var i = 0; i < count; i++)
        {
            zip[offset + 5] = host;
            offset += 46
                + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 28))
                + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 30))
                + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 32));
        }
    }

    private static int FindEndRecord(byte[] zip)
    {
        for (var i = zip.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == 0x06054b50u)
            {
                return i;
            }
        }

        throw new InvalidDataException("No end-of-central-directory record.");
    }
}

/// <summary>Runs an external program and captures what it prints.</summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
