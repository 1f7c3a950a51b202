using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace GiamNgheo.Testing;

/// <summary>
/// Makes sure <c>node_modules</c> holds the Azurite pinned in the repository's package.json, running
/// <c>npm ci</c> at most once per process and never in two processes at the same time.
/// </summary>
internal static class AzuriteInstallation
{
    /// <summary>npm ci took 25–40 s here; a cold npm cache on a slow CI agent can take minutes.</summary>
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Other test processes may be installing; wait for them at least as long as an install may take.</summary>
    private static readonly TimeSpan LockTimeout = InstallTimeout + TimeSpan.FromMinutes(1);

    // Test classes of one assembly start servers in parallel: one of them checks (and installs), the others wait.
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static volatile bool s_verified;

    /// <summary>The Azurite launcher npm puts in node_modules/.bin.</summary>
    public static string LauncherPath(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");

    /// <summary>
    /// The lock file <c>scripts/azurite.sh</c> also takes (with flock) around npm ci. On Unix .NET takes an
    /// flock(2) exclusive lock for <see cref="FileShare.None"/>, so both sides exclude each other.
    /// </summary>
    public static string LockFilePath(string repositoryRoot) => Path.Combine(repositoryRoot, ".artifacts", "npm-install.lock");

    /// <summary>Installs Azurite with npm ci unless the pinned version is already installed.</summary>
    public static async Task EnsureInstalledAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        if (s_verified)
        {
            return;
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (s_verified)
            {
                return;
            }

            // Test assemblies run in parallel processes; the file lock keeps a second process from reading a
            // node_modules that the first one is halfway through deleting and rebuilding.
            var lockPath = LockFilePath(repositoryRoot);
            await using (await CrossProcessFileLock.AcquireAsync(lockPath, LockTimeout, cancellationToken).ConfigureAwait(false))
            {
                var problem = FindInstallProblem(repositoryRoot);
                if (problem is not null)
                {
                    await RunNpmCiAsync(repositoryRoot, problem, cancellationToken).ConfigureAwait(false);
                    problem = FindInstallProblem(repositoryRoot);
                    if (problem is not null)
                    {
                        throw new InvalidOperationException($"npm ci finished but Azurite is still not usable: {problem}");
                    }
                }
            }

            s_verified = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Why node_modules needs an install, or null when the pinned Azurite is there.</summary>
    private static string? FindInstallProblem(string repositoryRoot)
    {
        var launcher = LauncherPath(repositoryRoot);
        if (!File.Exists(launcher))
        {
            return $"{launcher} is missing";
        }

        // A lead bumping the pinned version must not leave every machine silently testing the old one.
        var pinned = ReadVersion(Path.Combine(repositoryRoot, "package.json"), "devDependencies", "azurite");
        var installed = ReadVersion(Path.Combine(repositoryRoot, "node_modules", "azurite", "package.json"), "version");
        if (pinned is not null && IsExactVersion(pinned) && pinned != installed)
        {
            return $"package.json pins azurite {pinned} but node_modules holds {installed ?? "no readable version"}";
        }

        return null;
    }

    /// <summary>Only an exact pin can be compared with the installed version; a range never matches textually.</summary>
    private static bool IsExactVersion(string version) =>
        version.Length > 0 && char.IsAsciiDigit(version[0]) && version.All(c => char.IsAsciiDigit(c) || c == '.');

    private static string? ReadVersion(string packageJsonPath, params string[] propertyPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(packageJsonPath));
            var element = document.RootElement;
            foreach (var name in propertyPath)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return null;
                }
            }

            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static async Task RunNpmCiAsync(string repositoryRoot, string reason, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo
        {
            // npm is a shell script on Unix and npm.cmd on Windows; both are found on PATH without a shell.
            FileName = OperatingSystem.IsWindows() ? "npm.cmd" : "npm",
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"Azurite must be installed ({reason}) but npm could not be started: {exception.Message}. " +
                "Install Node.js 20 or later (it brings npm) and make sure npm is on PATH.", exception);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"npm ci in {repositoryRoot} did not finish within {InstallTimeout.TotalMinutes} minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"npm ci in {repositoryRoot} failed with exit code {process.ExitCode} (it ran because {reason}).{Environment.NewLine}" +
                $"stdout:{Environment.NewLine}{await stdout.ConfigureAwait(false)}{Environment.NewLine}" +
                $"stderr:{Environment.NewLine}{await stderr.ConfigureAwait(false)}");
        }
    }
}
