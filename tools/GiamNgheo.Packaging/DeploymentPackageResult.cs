namespace GiamNgheo.Packaging;

/// <summary>What <see cref="DeploymentPackage.Build"/> wrote.</summary>
/// <param name="OutputZip">Full path of the zip.</param>
/// <param name="SizeBytes">Size of the zip in bytes.</param>
/// <param name="Functions">The function names packaged (one <c>&lt;name&gt;/function.json</c> each), in entry order.</param>
/// <param name="Handler">Where the handler lives in the package.</param>
/// <param name="EntryCount">Number of entries in the zip (host.json, function.json files and handler files).</param>
public sealed record DeploymentPackageResult(
    string OutputZip,
    long SizeBytes,
    IReadOnlyList<string> Functions,
    HandlerLayout Handler,
    int EntryCount);
