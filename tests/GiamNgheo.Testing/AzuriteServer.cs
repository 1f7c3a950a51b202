using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace GiamNgheo.Testing;

/// <summary>
/// A real Azurite (the Azure Storage emulator: blob, queue, table) of its own, started for a test on ports the
/// operating system picked, with empty storage. Dispose it to stop Azurite and delete its folder.
/// </summary>
/// <remarks>
/// <para>
/// Azurite comes from the repository's package.json (<c>npm ci</c> runs first when <c>node_modules</c> lacks the
/// pinned version). Every server gets <c>--blobPort 0 --queuePort 0 --tablePort 0</c> and the ports are read from
/// Azurite's "successfully listening at" lines, so parallel servers (test classes, test assemblies) never race for
/// a port the way "find a free port, then start" would.
/// </para>
/// <para>
/// Storage is kept in memory (<c>--inMemoryPersistence</c>): tests throw it away anyway, and measured on Node 20
/// with Azurite 3.37.0 both modes start in the same second (nearly all of it Node loading modules), while blob,
/// table and queue calls ran about a quarter faster without the disk. <see cref="Location"/> is Azurite's working folder, a fresh
/// temporary folder that tests may also use for scratch files.
/// </para>
/// <para>
/// If the test process dies without disposing (killed by a hang timeout, a debugger stop), Azurite notices that
/// its standard input closed, deletes its folder and exits by itself, so no emulator is left holding ports.
/// </para>
/// </remarks>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    /// <summary>The emulator's well-known account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known, public account key (not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite is ready in about a second; a loaded CI agent running many test processes may take far longer.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Loaded into Azurite's Node process with <c>--require</c>: deletes the server's folder and ends the process
    /// when its standard input reaches end of file, which happens when the .NET process holding the pipe's other
    /// end exits, however it exits.
    /// </summary>
    private const string WatchdogScript =
        """
        // Written by GiamNgheo.Testing.AzuriteServer. Azurite never reads stdin; the test process holds the other
        // end of this pipe, so end-of-file means the test process is gone and this emulator must not outlive it.
        const orphaned = () => {
          try { require("fs").rmSync(__dirname, { recursive: true, force: true }); } catch { }
          process.exit(0);
        };
        process.stdin.on("end", orphaned);
        process.stdin.on("error", orphaned);
        process.stdin.resume();

        """;

    private readonly Process _process;
    private readonly OutputLog _output;
    private int _disposed;

    private AzuriteServer(Process process, OutputLog output, string location, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _output = output;
        ProcessId = process.Id;
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";
    }

    /// <summary>A storage connection string for this server, for the Azure SDK clients or <c>AzureWebJobsStorage</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The blob service port on 127.0.0.1.</summary>
    public int BlobPort { get; }

    /// <summary>The queue service port on 127.0.0.1.</summary>
    public int QueuePort { get; }

    /// <summary>The table service port on 127.0.0.1.</summary>
    public int TablePort { get; }

    /// <summary>The blob service endpoint, account name included.</summary>
    public Uri BlobEndpoint => ServiceEndpoint(BlobPort);

    /// <summary>The queue service endpoint, account name included.</summary>
    public Uri QueueEndpoint => ServiceEndpoint(QueuePort);

    /// <summary>The table service endpoint, account name included.</summary>
    public Uri TableEndpoint => ServiceEndpoint(TablePort);

    /// <summary>
    /// Azurite's working folder: a fresh temporary folder of this server, deleted on dispose. The storage itself is
    /// in memory, so it holds no data files.
    /// </summary>
    public string Location { get; }

    /// <summary>The Azurite (Node) process id, for diagnostics.</summary>
    public int ProcessId { get; }

    /// <summary>The last lines Azurite wrote to stdout and stderr (no access log: it runs with <c>--silent</c>).</summary>
    public string Output => _output.ToString();

    /// <summary>
    /// Installs Azurite if needed, starts a new server with empty storage on free ports and waits until all three
    /// services accept connections.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the half-started server is cleaned up.</param>
    /// <exception cref="InvalidOperationException">npm or Azurite failed; the message holds their output.</exception>
    /// <exception cref="TimeoutException">Azurite was not ready within 60 seconds; the message holds its output.</exception>
    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var repositoryRoot = RepositoryRoot.Find();
        await AzuriteInstallation.EnsureInstalledAsync(repositoryRoot, cancellationToken).ConfigureAwait(false);

        var location = Directory.CreateTempSubdirectory("giamngheo-azurite-").FullName;
        var output = new OutputLog();
        Process? process = null;
        try
        {
            var watchdogPath = Path.Combine(location, ".azurite-watchdog.js");
            await File.WriteAllTextAsync(watchdogPath, WatchdogScript, cancellationToken).ConfigureAwait(false);

            process = CreateProcess(repositoryRoot, location, watchdogPath, output);
            try
            {
                process.Start();
            }
            catch (Win32Exception exception)
            {
                throw new InvalidOperationException(
                    $"Could not start {process.StartInfo.FileName}: {exception.Message}. Azurite needs Node.js 20 or later on PATH.",
                    exception);
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var (blobPort, queuePort, tablePort) = await WaitUntilReadyAsync(process, output, cancellationToken).ConfigureAwait(false);
            var server = new AzuriteServer(process, output, location, blobPort, queuePort, tablePort);
            process = null; // the server owns it now
            return server;
        }
        finally
        {
            if (process is not null)
            {
                await StopAsync(process).ConfigureAwait(false);
                process.Dispose();
                await DeleteDirectoryAsync(location).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Kills Azurite (with any child processes) and deletes <see cref="Location"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Killing outright is fine: the storage is in memory and thrown away, so nothing needs flushing.
        await StopAsync(_process).ConfigureAwait(false);
        _process.Dispose();
        await DeleteDirectoryAsync(Location).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"Azurite pid {ProcessId} (blob {BlobPort}, queue {QueuePort}, table {TablePort}) in {Location}";

    private static Uri ServiceEndpoint(int port) => new($"http://127.0.0.1:{port}/{AccountName}");

    private static Process CreateProcess(string repositoryRoot, string location, string watchdogPath, OutputLog output)
    {
        var startInfo = new ProcessStartInfo
        {
            // On Unix the launcher is a symlink to a "#!/usr/bin/env node" script, so the process started is Node itself.
            FileName = AzuriteInstallation.LauncherPath(repositoryRoot),
            WorkingDirectory = location,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--blobHost", "127.0.0.1", "--blobPort", "0",
            "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", "0",
            // Not --location: the two options exclude each other, and nothing needs to outlive the server.
            "--inMemoryPersistence",
            // Telemetry would try to reach the internet; tests must not depend on (or wait for) the network.
            "--disableTelemetry",
            // The Azure SDK in Directory.Packages.props may be newer than the API versions this Azurite knows.
            "--skipApiVersionCheck",
            // Ignore headers and parameters Azurite does not support instead of failing the request.
            "--loose",
            // No access log: nobody reads it, and the "listening at" lines are still printed.
            "--silent",
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Node reads NODE_OPTIONS with shell-like quoting, where a backslash escapes; forward slashes work on Windows too.
        var existingOptions = Environment.GetEnvironmentVariable("NODE_OPTIONS");
        var require = $"--require \"{watchdogPath.Replace('\\', '/')}\"";
        startInfo.Environment["NODE_OPTIONS"] = string.IsNullOrWhiteSpace(existingOptions) ? require : $"{existingOptions} {require}";

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => output.Add("stdout", e.Data);
        process.ErrorDataReceived += (_, e) => output.Add("stderr", e.Data);
        return process;
    }

    private static async Task<(int Blob, int Queue, int Table)> WaitUntilReadyAsync(
        Process process, OutputLog output, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                // Let the output readers drain what Azurite wrote before it died; that is the error message.
                using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
                {
                    try
                    {
                        await process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Report what arrived so far.
                    }
                }

                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} while starting.{Environment.NewLine}{Describe(process, output)}");
            }

            var ports = output.Ports;
            if (ports.Blob is int blob && ports.Queue is int queue && ports.Table is int table
                && await AcceptsConnectionsAsync(blob, cancellationToken).ConfigureAwait(false)
                && await AcceptsConnectionsAsync(queue, cancellationToken).ConfigureAwait(false)
                && await AcceptsConnectionsAsync(table, cancellationToken).ConfigureAwait(false))
            {
                return (blob, queue, table);
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException(
                    $"Azurite did not accept connections on all three services within {StartTimeout.TotalSeconds:0} s " +
                    $"(ports seen: blob {ports.Blob?.ToString() ?? "?"}, queue {ports.Queue?.ToString() ?? "?"}, " +
                    $"table {ports.Table?.ToString() ?? "?"}).{Environment.NewLine}{Describe(process, output)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Describe(Process process, OutputLog output) =>
        $"Command: {process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)}{Environment.NewLine}" +
        $"Output:{Environment.NewLine}{output}";

    private static async Task StopAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started or already exited.
            return;
        }

        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // SIGKILL does not get ignored; if the process is still listed, the OS reaps it later. Do not hang the tests.
        }
    }

    private static async Task DeleteDirectoryAsync(string path)
    {
        // A just-killed process may still hold files for a moment (on Windows it blocks deletion), so retry briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                if (attempt == 5)
                {
                    // A leftover temporary folder is harmless; failing a test over it is not.
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt)).ConfigureAwait(false);
            }
        }
    }

    [GeneratedRegex(@"^Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^\s/]+:(?<port>\d+)",
        RegexOptions.CultureInvariant)]
    private static partial Regex ListeningLine();

    /// <summary>Keeps Azurite's recent output for error messages and picks the actual ports from it.</summary>
    private sealed class OutputLog
    {
        private const int MaxLines = 200;

        private readonly Lock _lock = new();
        private readonly Queue<string> _lines = new();
        private int? _blob;
        private int? _queue;
        private int? _table;

        public (int? Blob, int? Queue, int? Table) Ports
        {
            get
            {
                lock (_lock)
                {
                    return (_blob, _queue, _table);
                }
            }
        }

        public void Add(string stream, string? line)
        {
            if (line is null)
            {
                return; // end of stream
            }

            var match = ListeningLine().Match(line);
            lock (_lock)
            {
                if (_lines.Count == MaxLines)
                {
                    _lines.Dequeue();
                }

                _lines.Enqueue($"[{stream}] {line}");
                if (match.Success && int.TryParse(match.Groups["port"].ValueSpan, out var port))
                {
                    switch (match.Groups["service"].Value)
                    {
                        case "Blob": _blob = port; break;
                        case "Queue": _queue = port; break;
                        case "Table": _table = port; break;
                    }
                }
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                if (_lines.Count == 0)
                {
                    return "(Azurite wrote nothing)";
                }

                var text = new StringBuilder();
                foreach (var line in _lines)
                {
                    text.AppendLine(line);
                }

                return text.ToString();
            }
        }
    }
}
