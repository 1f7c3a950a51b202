using System.Diagnostics;
using System.Globalization;

namespace GiamNgheo.Benchmarks;

/// <summary>Peak memory of scoring by file size, each run in a fresh process so peaks do not mix.</summary>
internal static class MemoryProfile
{
    public static void Run(IReadOnlyList<int> sizes)
    {
        Console.WriteLine("| households | format | file MB | peak working set MB | seconds |");
        Console.WriteLine("|---:|---|---:|---:|---:|");
        foreach (var households in sizes)
        {
            var (csv, xlsx) = BenchmarkData.Ensure(households);
            foreach (var (format, path) in new[] { ("csv", csv), ("xlsx", xlsx) })
            {
                var size = Directory.Exists(path) ? Directory.GetFiles(path).Sum(f => new FileInfo(f).Length) : new FileInfo(path).Length;
                var (peak, seconds) = Measure(path);
                Console.WriteLine(FormattableString.Invariant($"| {households:N0} | {format} | {size / 1048576.0:0.0} | {peak / 1048576.0:0} | {seconds:0.00} |"));
            }
        }
    }

    /// <summary>Scores and writes the results of one file in a fresh process; its peak working set and seconds.</summary>
    public static (long Peak, double Seconds) Measure(string path)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileName(Environment.ProcessPath) is "dotnet" or "dotnet.exe")
            start.ArgumentList.Add(typeof(MemoryProfile).Assembly.Location);
        start.ArgumentList.Add("measure");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        process.WaitForExit();
        return (long.Parse(line[1], CultureInfo.InvariantCulture), double.Parse(line[2], CultureInfo.InvariantCulture));
    }
}
