namespace GiamNgheo.Packaging;

/// <summary>What <see cref="DeploymentPackage.Build"/> wrote.</summary>
/// <param name="OutputZip">Full path of the zip.</param>
/// <param name="SizeBytes">Size of the zip in bytes.</param>
/// <param name="App">The publish folder that was packaged: its functions, worker assembly and files (the zip's entries, in order).</param>
public sealed record DeploymentPackageResult(string OutputZip, long SizeBytes, PublishedApp App)
{
    /// <summary>Number of entries in the zip: one per published file.</summary>
    public int EntryCount => App.Files.Count;
}
