namespace GiamNgheo.Packaging;

/// <summary>Where the handler lives in the deployment package, as <c>host.json</c> describes it.</summary>
/// <param name="Folder">The package folder holding the published handler, e.g. <c>handler</c> (forward slashes, no trailing slash).</param>
/// <param name="ExecutableName">The file name of the handler executable inside <paramref name="Folder"/>, e.g. <c>GiamNgheo.Functions</c>.</param>
/// <param name="WorkingDirectory">The handler's working directory relative to the app root, or <see langword="null"/> when host.json sets none.</param>
public sealed record HandlerLayout(string Folder, string ExecutableName, string? WorkingDirectory)
{
    /// <summary>The zip entry name of the handler executable, e.g. <c>handler/GiamNgheo.Functions</c>.</summary>
    public string ExecutableEntryName => Folder + "/" + ExecutableName;
}
