using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Tables;
using SpreadCheetah.Worksheets;

namespace GiamNgheo.Benchmarks;

/// <summary>Writing the household fact of the Power BI model (table <c>HoGiaDinh</c>) for N households with each writer,
/// against the fastest raw writes of the same rows, each run in a fresh process so that peaks do not mix (docs/benchmarks.md).</summary>
/// <remarks>Every case consumes the same rows, made the same way: a province of 100 communes whose households come from a
/// pool of scored-looking records, through <see cref="PowerBiModel.WriteHouseholdsAsync"/> (so the keyed pseudonym and the
/// row assembly are paid in every case, the raw writes included); only what is done with a row differs.</remarks>
internal static class PowerBiExtract
{
    private const int Communes = 100;

    private static readonly string[] Cases = ["rows", "raw-csv", "raw-xlsx", "xlsx", "spreadcheetah", "parquet"];

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["rows"] = "rows only (made and dropped)",
        ["raw-csv"] = "raw write: CSV, uncompressed",
        ["raw-xlsx"] = "raw write: sheet XML, deflate Fastest",
        ["xlsx"] = "own XlsxStreamWriter (product, XlsxStarOutput)",
        ["spreadcheetah"] = "SpreadCheetah 1.29.0 (the same sheet and table)",
        ["parquet"] = "Parquet.Net 6.1.0 (product, Snappy)",
    };

    public static void Run(int households, int repetitions)
    {
        var best = Cases.ToDictionary(c => c, _ => (Wall: double.MaxValue, Cpu: double.MaxValue, Peak: 0L, Bytes: 0L));
        for (var r = 0; r < repetitions; r++)
        {
            // Interleaved, so a busy moment of the shared machine does not fall on one case only.
            foreach (var c in r % 2 == 0 ? Cases : Cases.Reverse())
            {
                var (wall, cpu, peak, bytes) = Measure(c, households);
                Console.Error.WriteLine(FormattableString.Invariant($"  run {r + 1} {c}: {wall:0.000} s wall, {cpu:0.000} s CPU, {peak / 1048576.0:0} MB"));
                var b = best[c];
                best[c] = (Math.Min(b.Wall, wall), Math.Min(b.Cpu, cpu), Math.Max(b.Peak, peak), bytes);
            }
        }

        // Both clocks: wall time is what a user waits for, CPU time what the writer costs when the cores are shared.
        var fastestWall = Math.Min(best["raw-csv"].Wall, best["raw-xlsx"].Wall);
        var fastestCpu = Math.Min(best["raw-csv"].Cpu, best["raw-xlsx"].Cpu);
        Console.WriteLine(FormattableString.Invariant($"{households:N0} household rows, best of {repetitions}; fastest raw write = {fastestWall:0.000} s wall, {fastestCpu:0.000} s CPU"));
        Console.WriteLine("| writer | best wall s | best CPU s | rows/s (wall) | file MB | peak working set MB | × fastest raw (wall) | × fastest raw (CPU) | × raw xlsx (CPU) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in Cases)
        {
            var (wall, cpu, peak, bytes) = best[c];
            Console.WriteLine(FormattableString.Invariant(
                $"| {Labels[c]} | {wall:0.000} | {cpu:0.000} | {households / wall:N0} | {bytes / 1048576.0:0.0} | {peak / 1048576.0:0} | {wall / fastestWall:0.00} | {cpu / fastestCpu:0.00} | {cpu / best["raw-xlsx"].Cpu:0.00} |"));
        }
    }

    /// <summary>One case in a fresh process: wall and CPU seconds of the write, peak working set, bytes written.</summary>
    private static (double Wall, double Cpu, long Peak, long Bytes) Measure(string kind, int households)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileName(Environment.ProcessPath) is "dotnet" or "dotnet.exe")
            start.ArgumentList.Add(typeof(PowerBiExtract).Assembly.Location);
        start.ArgumentList.Add("measure-extract");
        start.ArgumentList.Add(kind);
        start.ArgumentList.Add(households.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"measure-extract {kind} failed with exit code {process.ExitCode}.");
        return (double.Parse(line[0], CultureInfo.InvariantCulture), double.Parse(line[1], CultureInfo.InvariantCulture),
            long.Parse(line[2], CultureInfo.InvariantCulture), long.Parse(line[3], CultureInfo.InvariantCulture));
    }

    /// <summary>Runs one case here and prints "wall-seconds cpu-seconds peak bytes".</summary>
    public static async Task MeasureHereAsync(string kind, int households)
    {
        var pseudonymiser = new HouseholdPseudonymiser(PseudonymKey.Generate());
        var model = new PowerBiModel(AdminUnitCatalog.Default, StandardCatalog.Default, pseudonymiser);
        var manifest = Manifest(pseudonymiser);
        var pool = Pool();
        var perCommune = households / Communes;

        // A small write first, so that loading the catalogs and compiling the path are not timed (they do not grow with N).
        var warmUp = Directory.CreateTempSubdirectory("giamngheo-extract-warm-");
        await WriteAsync(kind, Path.Combine(warmUp.FullName, "warm"), warmUp.FullName, model, manifest, c => Households(c, 20, pool));
        warmUp.Delete(recursive: true);

        var folder = Directory.CreateTempSubdirectory("giamngheo-extract-bench-");
        try
        {
            var path = Path.Combine(folder.FullName, "ho_gia_dinh." + (kind switch { "raw-csv" => "csv", "parquet" => "parquet", _ => "xlsx" }));
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            await WriteAsync(kind, path, folder.FullName, model, manifest, c => Households(c, perCommune, pool));
            stopwatch.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var bytes = Directory.GetFiles(folder.FullName).Sum(f => new FileInfo(f).Length);
            Console.WriteLine(FormattableString.Invariant($"{stopwatch.Elapsed.TotalSeconds:0.000} {cpu.TotalSeconds:0.000} {process.PeakWorkingSet64} {bytes}"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task WriteAsync(string kind, string path, string folder, PowerBiModel model, ExportManifest manifest, Func<ExportCommune, IAsyncEnumerable<HouseholdRecord>> source)
    {
        var table = PowerBiModel.Households;
        switch (kind)
        {
            case "rows":
                await model.WriteHouseholdsAsync(manifest, source, [new Dropped()], null, CancellationToken.None);
                break;
            case "raw-csv":
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                await using var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 16);
                await model.WriteHouseholdsAsync(manifest, source, [new RawCsv(writer, table)], null, CancellationToken.None);
                break;
            }

            case "raw-xlsx":
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                using var zip = new ZipArchive(file, ZipArchiveMode.Create);
                await using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false), 1 << 16);
                await writer.WriteAsync("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                await model.WriteHouseholdsAsync(manifest, source, [new RawSheetXml(writer)], null, CancellationToken.None);
                await writer.WriteAsync("</sheetData></worksheet>");
                break;
            }

            case "xlsx":
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                var workbook = await XlsxStarOutput.CreateAsync(file, CancellationToken.None);
                var writer = await workbook.BeginAsync(table, CancellationToken.None);
                await model.WriteHouseholdsAsync(manifest, source, [writer], null, CancellationToken.None);
                await writer.CompleteAsync(CancellationToken.None);
                await workbook.FinishAsync(CancellationToken.None);
                break;
            }

            case "spreadcheetah":
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                await using var workbook = await Spreadsheet.CreateNewAsync(file, new SpreadCheetahOptions
                {
                    CompressionLevel = SpreadCheetahCompressionLevel.Fastest,
                    DefaultDateTimeFormat = NumberFormat.Custom("yyyy-mm-dd"),
                });
                var options = new WorksheetOptions { FrozenRows = 1 };
                for (var i = 0; i < table.Columns.Count; i++)
                    options.Column(i + 1).Width = Math.Clamp(table.Columns[i].Name.Length + 3, table.Columns[i].Kind == StarColumnKind.Text ? 12 : 8, 40);
                await workbook.StartWorksheetAsync(table.FileName, options);
                workbook.StartTable(new Table(TableStyle.Medium2, table.TableName));
                await workbook.AddHeaderRowAsync([.. table.Columns.Select(c => c.Name)], workbook.AddStyle(new Style { Font = { Bold = true } }));
                await model.WriteHouseholdsAsync(manifest, source, [new SpreadCheetahRows(workbook)], null, CancellationToken.None);
                await workbook.FinishAsync();
                break;
            }

            case "parquet":
            {
                var writer = await new ParquetStarOutput(folder).BeginAsync(table, CancellationToken.None);
                await model.WriteHouseholdsAsync(manifest, source, [writer], null, CancellationToken.None);
                await writer.CompleteAsync(CancellationToken.None);
                break;
            }

            default:
                throw new ArgumentException($"Unknown case {kind}; one of {string.Join(", ", Cases)}.", nameof(kind));
        }
    }

    private static ExportManifest Manifest(HouseholdPseudonymiser pseudonymiser)
    {
        var communes = AdminUnitCatalog.Default.CommunesOf("01", new DateOnly(2025, 9, 1)).Take(Communes)
            .Select((u, i) => ExportCommune.From(new UnitSummary(2025, UnitLevel.Commune, u.Code, "01") { SubmissionId = $"2025-{u.Code}-{i:x8}", StandardId = "nd-07-2021" }, StandardCatalog.Default.Indicators))
            .ToList();
        if (communes.Count < Communes)
            throw new InvalidOperationException($"Province 01 has {communes.Count} communes, fewer than {Communes}.");
        return new ExportManifest(2025, "01", communes, pseudonymiser.KeyId);
    }

    /// <summary>Households shaped like scored ones: deprivations, sources, and a Vietnamese explanation of the usual length.</summary>
    private static HouseholdRecord[] Pool()
    {
        var standard = StandardCatalog.Default.NationalFor(2025)!;
        var keys = standard.Indicators.Select(i => i.Key).ToArray();
        var classes = new[] { "ngheo", "can_ngheo", "muc_song_trung_binh", "khong_ngheo" };
        var random = new Random(2025);
        return
        [
            .. Enumerable.Range(0, 512).Select(i =>
            {
                var deprived = keys.Where(_ => random.NextDouble() < 0.2).ToArray();
                var income = 900_000 + random.Next(0, 2_000_000);
                return new HouseholdRecord
                {
                    HouseholdId = "",
                    Village = $"Thôn {random.Next(1, 15)}",
                    Class = classes[random.Next(classes.Length)],
                    DeprivationCount = deprived.Length,
                    B2Score = deprived.Length * 10,
                    Deprivations = deprived,
                    DeprivationSources = string.Join(';', deprived.Select(k => k + ":khai")),
                    Standard = standard.Id,
                    Area = random.Next(4) == 0 ? "thanh_thi" : "nong_thon",
                    Persons = random.Next(1, 9),
                    IncomeTest = "thu_nhap",
                    IncomeValue = income,
                    IncomeThreshold = 1_500_000,
                    EthnicMinority = random.Next(5) == 0,
                    MeritFamily = random.Next(20) == 0,
                    Explanation = $"Chuẩn {standard.Id} (nông thôn). Thu nhập bình quân {income:N0} đồng/người/tháng so với chuẩn 1.500.000 đồng. "
                        + $"Thiếu hụt {deprived.Length} chỉ số: {string.Join(", ", deprived)} (khai báo). Phân loại theo thu nhập và số chỉ số thiếu hụt.",
                };
            }),
        ];
    }

    private static async IAsyncEnumerable<HouseholdRecord> Households(ExportCommune commune, int count, HouseholdRecord[] pool)
    {
        await Task.CompletedTask;
        for (var i = 0; i < count; i++)
            yield return pool[i % pool.Length] with { HouseholdId = string.Create(CultureInfo.InvariantCulture, $"{commune.Code}{i:000000}") };
    }

    private sealed class Dropped : IStarTableWriter
    {
        public ValueTask WriteRowAsync(ReadOnlySpan<StarValue> values, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>The row as SpreadCheetah cells, typed as the product types them (SpreadCheetah writes every text inline).</summary>
    private sealed class SpreadCheetahRows(Spreadsheet workbook) : IStarTableWriter
    {
        private DataCell[] _cells = [];

        public ValueTask WriteRowAsync(ReadOnlySpan<StarValue> values, CancellationToken cancellationToken)
        {
            if (_cells.Length != values.Length)
                _cells = new DataCell[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                _cells[i] = !v.HasValue ? default : v.Kind switch
                {
                    StarColumnKind.Text => new DataCell(v.TextValue),
                    StarColumnKind.WholeNumber => new DataCell(v.WholeValue),
                    StarColumnKind.Number => new DataCell(v.NumberValue),
                    StarColumnKind.Boolean => new DataCell(v.WholeValue != 0),
                    StarColumnKind.Date => new DataCell(v.DateValue.ToDateTime(TimeOnly.MinValue)),
                    _ => new DataCell(v.TimestampValue.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                };
            }

            return workbook.AddRowAsync(_cells, cancellationToken);
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>The values as CSV text with the least work: no header, quotes only where a comma, quote or line break needs them.</summary>
    private sealed class RawCsv(StreamWriter writer, StarTable table) : IStarTableWriter
    {
        private readonly char[] _number = new char[64];

        public ValueTask WriteRowAsync(ReadOnlySpan<StarValue> values, CancellationToken cancellationToken)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                    writer.Write(',');
                var v = values[i];
                if (!v.HasValue)
                    continue;
                int length;
                switch (table.Columns[i].Kind)
                {
                    case StarColumnKind.Text:
                        var text = v.TextValue;
                        if (text.AsSpan().IndexOfAny(",\"\n") < 0)
                        {
                            writer.Write(text);
                        }
                        else
                        {
                            writer.Write('"');
                            writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
                            writer.Write('"');
                        }

                        continue;
                    case StarColumnKind.Number:
                        v.NumberValue.TryFormat(_number, out length, "R", CultureInfo.InvariantCulture);
                        break;
                    case StarColumnKind.Date:
                        v.DateValue.TryFormat(_number, out length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                        break;
                    default:
                        v.WholeValue.TryFormat(_number, out length, default, CultureInfo.InvariantCulture);
                        break;
                }

                writer.Write(_number, 0, length);
            }

            writer.Write('\n');
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>The values as sheet XML with the least work: no cell references, no styles, inline strings escaped for
    /// <c>&amp; &lt; &gt;</c> only, dates as serial numbers.</summary>
    private sealed class RawSheetXml(StreamWriter writer) : IStarTableWriter
    {
        private readonly char[] _number = new char[64];

        public ValueTask WriteRowAsync(ReadOnlySpan<StarValue> values, CancellationToken cancellationToken)
        {
            writer.Write("<row>");
            foreach (var v in values)
            {
                if (!v.HasValue)
                {
                    writer.Write("<c/>");
                    continue;
                }

                int length;
                switch (v.Kind)
                {
                    case StarColumnKind.Text:
                        writer.Write("<c t=\"inlineStr\"><is><t>");
                        Escaped(v.TextValue);
                        writer.Write("</t></is></c>");
                        continue;
                    case StarColumnKind.Number:
                        v.NumberValue.TryFormat(_number, out length, "R", CultureInfo.InvariantCulture);
                        break;
                    case StarColumnKind.Date:
                        (v.DateValue.DayNumber - 693593).TryFormat(_number, out length, default, CultureInfo.InvariantCulture);
                        break;
                    default:
                        v.WholeValue.TryFormat(_number, out length, default, CultureInfo.InvariantCulture);
                        break;
                }

                writer.Write("<c><v>");
                writer.Write(_number, 0, length);
                writer.Write("</v></c>");
            }

            writer.Write("</row>");
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        private void Escaped(ReadOnlySpan<char> text)
        {
            while (text.IndexOfAny("&<>") is var at and >= 0)
            {
                writer.Write(text[..at]);
                writer.Write(text[at] switch { '&' => "&amp;", '<' => "&lt;", _ => "&gt;" });
                text = text[(at + 1)..];
            }

            writer.Write(text);
        }
    }
}
