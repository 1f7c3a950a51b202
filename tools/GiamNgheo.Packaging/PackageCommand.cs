namespace GiamNgheo.Packaging;

/// <summary>The <c>giamngheo-package</c> command line: <c>--publish-dir &lt;dir&gt; --out &lt;zip&gt;</c>.</summary>
/// <remarks>Exit codes: 0 written, 1 wrong usage, 2 the publish folder is not a deployable app (every problem listed; nothing written).</remarks>
public static class PackageCommand
{
    /// <summary>Exit code when the zip was written.</summary>
    public const int Success = 0;

    /// <summary>Exit code for wrong usage.</summary>
    public const int Usage = 1;

    /// <summary>Exit code when the publish folder is not a deployable app; nothing was written.</summary>
    public const int BadInput = 2;

    private const string Help =
        "Usage: giamngheo-package --publish-dir <dir> --out <zip>\n" +
        "  --publish-dir  dotnet publish output of functions/GiamNgheo.Functions (framework-dependent, linux-x64)\n" +
        "  --out          deployment zip to write (replaced if it exists)\n";

    /// <summary>Runs the command with the given output streams and returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        string? publishDir = null, outputZip = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                output.Write(Help);
                return Success;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error.WriteLine($"Missing value for '{arg}'.");
                error.Write(Help);
                return Usage;
            }

            var value = args[++i];
            switch (arg)
            {
                case "--publish-dir": publishDir = value; break;
                case "--out": outputZip = value; break;
                default:
                    error.WriteLine($"Unknown option '{arg}'.");
                    error.Write(Help);
                    return Usage;
            }
        }

        if (publishDir is null || outputZip is null)
        {
            error.WriteLine("--publish-dir and --out are both required.");
            error.Write(Help);
            return Usage;
        }

        try
        {
            var result = DeploymentPackage.Build(publishDir, outputZip);
            output.WriteLine($"Wrote {result.OutputZip}");
            output.WriteLine($"  {result.EntryCount} entries, {result.SizeBytes:N0} bytes ({result.SizeBytes / (1024.0 * 1024.0):F1} MiB)");
            output.WriteLine($"  worker: dotnet {result.App.WorkerAssembly} (dotnet-isolated)");
            output.WriteLine($"  functions ({result.App.Functions.Count}): {string.Join(", ", result.App.Functions)}");
            output.WriteLine($"  host extensions ({result.App.Extensions.Count}): {string.Join(", ", result.App.Extensions)}");
            return Success;
        }
        catch (DeploymentPackageException e)
        {
            error.WriteLine(e.Message);
            return BadInput;
        }
    }
}
