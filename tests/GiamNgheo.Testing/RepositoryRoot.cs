namespace GiamNgheo.Testing;

/// <summary>
/// Finds the repository checkout the tests run from, so tests can reach files that are not copied to the output
/// folder (package.json, node_modules, sample data).
/// </summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the repository root.</summary>
    public const string MarkerFileName = "GiamNgheo.sln";

    /// <summary>
    /// The folder holding <c>GiamNgheo.sln</c>, found by walking up from the test assembly's folder
    /// (<see cref="AppContext.BaseDirectory"/>), else from the current directory (a tool built outside the
    /// checkout but run from inside it).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Neither walk finds <c>GiamNgheo.sln</c>.</exception>
    public static string Find() =>
        TryFind(AppContext.BaseDirectory) ?? TryFind(Environment.CurrentDirectory) ?? throw new DirectoryNotFoundException(
            $"Neither '{AppContext.BaseDirectory}' nor the current directory '{Environment.CurrentDirectory}' is inside a " +
            $"folder holding {MarkerFileName}; run the tests from the repository checkout.");

    /// <summary>The nearest folder at or above <paramref name="startDirectory"/> that holds <c>GiamNgheo.sln</c>.</summary>
    /// <param name="startDirectory">Where the walk starts.</param>
    /// <exception cref="DirectoryNotFoundException">No folder at or above the start holds <c>GiamNgheo.sln</c>.</exception>
    public static string Find(string startDirectory) =>
        TryFind(startDirectory) ?? throw new DirectoryNotFoundException(
            $"No folder at or above '{startDirectory}' holds {MarkerFileName}; run the tests from inside the repository checkout.");

    private static string? TryFind(string startDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(startDirectory);
        for (var directory = new DirectoryInfo(Path.GetFullPath(startDirectory)); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, MarkerFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
