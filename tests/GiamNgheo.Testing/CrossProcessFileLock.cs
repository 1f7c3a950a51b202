namespace GiamNgheo.Testing;

/// <summary>
/// An exclusive lock shared by processes: an open file with <see cref="FileShare.None"/>. On Unix .NET backs that
/// with flock(2), so shell scripts using <c>flock</c> on the same file take part too. The operating system drops the
/// lock when the holder dies, so a crashed test run never leaves it stuck.
/// </summary>
internal sealed class CrossProcessFileLock : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _stream;

    private CrossProcessFileLock(FileStream stream) => _stream = stream;

    /// <summary>Waits until the lock on <paramref name="path"/> is free and takes it.</summary>
    public static async Task<CrossProcessFileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new CrossProcessFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another process holds it (an npm ci in progress); poll, since there is no portable wait.
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw new TimeoutException($"Waited {timeout.TotalMinutes:0} minutes for the lock {path}; another process still holds it.", exception);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
