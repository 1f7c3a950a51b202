namespace GiamNgheo.Packaging;

/// <summary>The <c>giamngheo-package</c> command line: <c>--app-root &lt;repo&gt; --publish-dir &lt;dir&gt; --out &lt;zip&gt;</c>.</summary>
/// <remarks>Exit codes: 0 written, 1 wrong usage, 2 the inputs are not a valid package (every problem listed; nothing written).</remarks>
public static class PackageCommand
{
    /// <summary>Exit code when the zip was written.</summary>
    public const int Success = 0;

    /// <summary>Exit code for wrong usage.</summary>
    public const int Usage = 1;

    /// <summary>Exit code when the inputs are not a valid package; nothing was written.</summary>
    public const int BadInput = 2;

    private const string Help =
        "Usage: giamngheo-package --app-root <repo> --publish-dir <dir> --out <zip>\n" +
        "  --app-root     folder with host.json and functions/<name>/function.json\n" +
        "  --publish-dir  dotnet publish output of the handler (self-contained linux-x64)\n" +
        "  --out          deployment zip to write (replaced if it exists)\n";

    /// <summary>Runs the command with the given output streams and returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        string? appRoot = null, publishDir = null, outputZip = null;
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
                case "--app-root": appRoot = value; break;
                case "--publish-dir": publishDir = value; break;
                case "--out": outputZip = value; break;
                default:
                    error.WriteLine($"Unknown option '{arg}'.");
                    error.Write(Help);
                    return Usage;
            }
        }

        if (appRoot is null || publishDir is null || outputZip is null)
        {
            error.WriteLine("--app-root, --publish-dir and --out are all required.");
            error.Write(Help);
            return Usage;
        }

        try
        {
            var result = DeploymentPackage.Build(appRoot, publishDir, outputZip);
            output.WriteLine($"Wrote {result.OutputZip}");
            output.WriteLine($"  {result.EntryCount} entries, {result.SizeBytes:N0} bytes ({result.SizeBytes / (1024.0 * 1024.0):F1} MiB)");
            output.WriteLine($"  functions ({result.Functions.Count}): {string.Join(", ", result.Functions)}");
            output.WriteLine($"  handler: {result.Handler.ExecutableEntryName} (mode 100755)");
            return Success;
        }
        catch (DeploymentPackageException e)
        {
            error.WriteLine(e.Message);
            return BadInput;
        }
    }
}
