using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GiamNgheo.Testing;

namespace GiamNgheo.Benchmarks.Hosting;

/// <summary>The local host (<c>functions/GiamNgheo.LocalHost</c>) as a separate child process, started the way run.sh starts it,
/// so that its memory is its own and a kill is a real <c>kill -9</c>.</summary>
/// <remarks>The child inherits this process's temporary folder (<c>TMPDIR</c>; the harness sets one of its own, so files a killed
/// scoring leaves behind can be seen, and so that diagnostic tools find the child's diagnostic port there). Its output goes to a
/// log file.</remarks>
internal sealed class LocalHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly string _assembly;
    private readonly string _logPath;
    private Process? _process;

    private LocalHostProcess(string assembly, string connectionString, int port, string folder)
    {
        _assembly = assembly;
        ConnectionString = connectionString;
        Port = port;
        Folder = folder;
        _logPath = Path.Combine(folder, "local-host.log");
    }

    /// <summary>The storage it runs on (<c>AzureWebJobsStorage</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>The API's port on 127.0.0.1 (kept across restarts).</summary>
    public int Port { get; }

    /// <summary>Where the log is.</summary>
    public string Folder { get; }

    /// <summary>The API's base address.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The running child's process id.</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("The local host is not running.");

    /// <summary>Copies the built local host (the project's own output for the configuration this harness was built in; the
    /// project reference builds it first) into <paramref name="destination"/>, so that a rebuild during a long run cannot change
    /// what is measured; returns the copy's assembly.</summary>
    public static string Snapshot(string destination)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var output = Path.Combine(RepositoryRoot.Find(), "functions", "GiamNgheo.LocalHost", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(output, "GiamNgheo.LocalHost.dll")))
            throw new FileNotFoundException($"Build the local host first: dotnet build functions/GiamNgheo.LocalHost -c {configuration}", output);
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return Path.Combine(destination, "GiamNgheo.LocalHost.dll");
    }

    /// <summary>Starts the local host on a free port with storage <paramref name="connectionString"/> and waits until it answers.</summary>
    /// <param name="assembly">The local host's assembly (see <see cref="Snapshot"/>).</param>
    /// <param name="connectionString">Azurite's connection string (<c>AzureWebJobsStorage</c>).</param>
    /// <param name="folder">A fresh folder for the log.</param>
    public static async Task<LocalHostProcess> StartAsync(string assembly, string connectionString, string folder)
    {
        var host = new LocalHostProcess(assembly, connectionString, FreePort(), folder);
        await host.RestartAsync();
        return host;
    }

    /// <summary>Starts the process again (after <see cref="Kill"/> or <see cref="StopAsync"/>) on the same port and storage;
    /// returns how long it took until <c>/api/health</c> answered.</summary>
    public async Task<TimeSpan> RestartAsync()
    {
        if (_process is { HasExited: false })
            throw new InvalidOperationException("The local host is still running.");
        _process?.Dispose();

        // exec keeps one process: the pid is the .NET process itself, and the log is written without a pipe to drain.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$GIAMNGHEO_HOST_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add(DotnetPath());
        start.ArgumentList.Add(_assembly);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(Port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--poll-interval-ms");
        start.ArgumentList.Add("100");
        start.ArgumentList.Add("--dev-token-key");
        start.ArgumentList.Add(TestTokens.Shared.KeyFile);
        start.Environment["AzureWebJobsStorage"] = ConnectionString;
        start.Environment["GIAMNGHEO_HOST_LOG"] = _logPath;

        var stopwatch = Stopwatch.StartNew();
        _process = Process.Start(start)!;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The local host exited with {_process.ExitCode} while starting:{Environment.NewLine}{LogTail()}");
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "/api/health"));
                if (response.IsSuccessStatusCode)
                    return stopwatch.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (stopwatch.Elapsed > StartTimeout)
                throw new TimeoutException($"The local host did not answer within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{LogTail()}");
            await Task.Delay(100);
        }
    }

    /// <summary><c>kill -9</c>: nothing in flight gets a chance to finish or clean up.</summary>
    public void Kill()
    {
        var process = _process ?? throw new InvalidOperationException("The local host is not running.");
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>A graceful stop (SIGTERM, as run.sh sends), killed if it takes longer than 10 s.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
            return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The last lines of the child's log.</summary>
    public string LogTail(int lines = 40) =>
        File.Exists(_logPath) ? string.Join(Environment.NewLine, File.ReadLines(_logPath).TakeLast(lines)) : "(no log)";

    /// <summary>Lines of the child's log (all its runs) that contain <paramref name="text"/>.</summary>
    public int LogCount(string text) => File.Exists(_logPath) ? File.ReadLines(_logPath).Count(l => l.Contains(text, StringComparison.Ordinal)) : 0;

    /// <summary>The pipeline's files in the (shared) temporary folder, and their total size in bytes.</summary>
    public static (int Files, long Bytes) TempFiles()
    {
        var files = Directory.GetFiles(Path.GetTempPath(), "giamngheo-*");
        return (files.Length, files.Sum(f => new FileInfo(f).Length));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private static string DotnetPath() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
