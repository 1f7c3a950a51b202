namespace GiamNgheo.Cli.Commands;

/// <summary>A file written next to its destination and moved into place only on <see cref="Commit"/>, so a failure leaves nothing behind.</summary>
internal sealed class StagedFile : IDisposable
{
    private readonly string _destination;
    private readonly string _staging;
    private bool _committed;

    public StagedFile(string destination)
    {
        _destination = Path.GetFullPath(destination);
        var directory = Path.GetDirectoryName(_destination)!;
        Directory.CreateDirectory(directory);
        _staging = Path.Combine(directory, $".{Path.GetFileName(_destination)}.{Environment.ProcessId}.tmp");
        Stream = new FileStream(_staging, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public Stream Stream { get; }

    public void Commit()
    {
        Stream.Dispose();
        File.Move(_staging, _destination, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed)
            File.Delete(_staging);
    }
}
