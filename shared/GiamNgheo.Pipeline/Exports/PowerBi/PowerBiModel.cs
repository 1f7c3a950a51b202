using System.Globalization;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Exports.PowerBi;

/// <summary>The Power BI star schema of a province and year: the facts (household results, household × indicator
/// deprivations, unit summaries, submissions, reporting timeliness) and the dimensions (unit as a type-2 dimension, date,
/// indicator, standard, class), written to any <see cref="IStarOutput"/>. Definitions and relationships: docs/power-bi.md.</summary>
/// <remarks>Households appear only under their keyed pseudonym (<c>ma_ho_an_danh</c>), never with a name or their code.
/// Column names are snake_case ASCII Vietnamese, as in the survey format; display labels are the <c>ten_*</c> columns.</remarks>
public sealed class PowerBiModel(AdminUnitCatalog units, StandardCatalog standards, HouseholdPseudonymiser pseudonymiser)
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private static StarColumn T(string name) => new(name, StarColumnKind.Text);

    private static StarColumn I(string name) => new(name, StarColumnKind.WholeNumber);

    private static StarColumn N(string name) => new(name, StarColumnKind.Number);

    private static StarColumn B(string name) => new(name, StarColumnKind.Boolean);

    private static StarColumn D(string name) => new(name, StarColumnKind.Date);

    /// <summary>Fact: one row per household and year (the columns of the earlier <c>HoGiaDinh</c> first, unchanged).</summary>
    public static StarTable Households { get; } = new("HoGiaDinh", "ho_gia_dinh", "Kết quả rà soát hộ gia đình",
    [
        I("nam"), T("ma_tinh"), T("ma_huyen"), T("ma_xa"), T("ten_xa"), T("ma_nop"), T("ma_ho_an_danh"), T("thon"), T("phan_loai"),
        I("so_chi_so_thieu_hut"), I("diem_b2"), T("chi_so_thieu_hut"), T("nguon_chi_so"), T("khu_vuc"), I("so_nhan_khau"),
        B("dan_toc_thieu_so"), T("kiem_dinh_thu_nhap"), N("gia_tri_kiem_dinh"), N("nguong_kiem_dinh"), T("chuan_ap_dung"),
        T("phan_loai_dia_phuong"), T("chuan_dia_phuong"), T("giai_thich"),
        T("khoa_ho"), T("khoa_don_vi"), D("ngay_tham_chieu"), B("co_nguoi_co_cong"),
    ]);

    /// <summary>Fact: one row per household and indicator it is deprived in, with how the deprivation was established.</summary>
    public static StarTable HouseholdDeprivations { get; } = new("ThieuHutHo", "thieu_hut_ho", "Thiếu hụt của hộ theo chỉ số",
        [T("khoa_ho"), I("nam"), T("ma_ho_an_danh"), T("khoa_don_vi"), T("phan_loai"), T("khoa_chi_so"), T("chi_so"), T("nguon")]);

    /// <summary>Fact: one row per unit (province, districts before 2025, communes) with totals, classes and rates.</summary>
    public static StarTable UnitSummaries { get; } = new("DonVi", "don_vi", "Tổng hợp theo đơn vị",
    [
        I("nam"), T("cap"), T("ma_don_vi"), T("ten_don_vi"), T("ma_tinh"), T("ma_huyen"), I("so_xa_bao_cao"), I("tong_so_ho"), I("tong_so_nhan_khau"),
        .. HouseholdClasses.All.Select(c => I("ho_" + c.Code())),
        .. HouseholdClasses.All.Where(c => c != HouseholdClass.NotPoor).Select(c => N("ty_le_ho_" + c.Code())),
        .. HouseholdClasses.All.Select(c => I("nhan_khau_" + c.Code())),
        T("khoa_don_vi"),
    ]);

    /// <summary>Fact: households of a class deprived in an indicator, per unit (long format).</summary>
    public static StarTable UnitDeprivations { get; } = new("ThieuHut", "thieu_hut", "Số hộ thiếu hụt theo đơn vị và chỉ số",
        [I("nam"), T("cap"), T("ma_don_vi"), T("phan_loai"), T("chi_so"), T("ten_chi_so"), I("so_ho"), T("khoa_don_vi"), T("khoa_chi_so")]);

    /// <summary>Fact: the counted submission of each commune.</summary>
    public static StarTable Submissions { get; } = new("NopKhaoSat", "nop_khao_sat", "Lần nộp khảo sát được tính",
    [
        I("nam"), T("ma_nop"), T("ma_xa"), T("ma_huyen"), T("khoa_don_vi"), T("chuan"), I("tong_so_ho"), I("tong_so_nhan_khau"),
        I("so_ho_duoc_cham"), I("so_ho_ngheo"), I("so_ho_can_ngheo"),
    ]);

    /// <summary>Fact: each period × reporter of the year's published plans, with its status.</summary>
    public static StarTable Timeliness { get; } = new("BaoCaoDungHan", "bao_cao_dung_han", "Tình hình nộp báo cáo đúng hạn",
    [
        I("nam"), T("ma_ke_hoach"), T("ten_ke_hoach"), T("ma_don_vi_ke_hoach"), T("khoa_don_vi"), T("ma_ky"), T("ten_ky"), D("han_nop"),
        T("ma_don_vi_bao_cao"), T("ten_don_vi_bao_cao"), T("ma_hanh_chinh_bao_cao"), B("du_kien"), T("trang_thai"), T("ten_trang_thai"),
        new("thoi_diem_nop", StarColumnKind.Timestamp), D("ngay_nop"), I("so_ngay_tre"),
    ]);

    /// <summary>Dimension: every version of the province's units (type 2), keyed by <c>khoa_don_vi</c>.</summary>
    public static StarTable UnitDimension { get; } = new("DmDonVi", "dm_don_vi", "Danh mục đơn vị hành chính (theo thời kỳ)",
    [
        T("khoa_don_vi"), T("ma_don_vi"), T("ten_don_vi"), T("cap"), T("ten_cap"), T("loai"), T("ma_tinh"), T("ma_huyen"), T("ma_cap_tren"),
        D("hieu_luc_tu"), D("hieu_luc_den"), B("hieu_luc_ngay_tham_chieu"),
    ]);

    /// <summary>Dimension: a contiguous calendar from 1 January of the year before to 31 December of the year after.</summary>
    public static StarTable DateDimension { get; } = new("DmNgay", "dm_ngay", "Lịch",
        [D("ngay"), I("nam"), I("quy"), I("thang"), T("ten_thang"), I("ngay_trong_thang"), I("thu_trong_tuan"), T("ten_thu"), T("nam_thang")]);

    /// <summary>Dimension: the indicators of every standard, keyed by <c>khoa_chi_so</c> (standard and indicator).</summary>
    public static StarTable IndicatorDimension { get; } = new("DmChiSo", "dm_chi_so", "Danh mục chỉ số thiếu hụt",
        [T("khoa_chi_so"), T("chuan"), T("chi_so"), T("ten_chi_so"), T("chieu"), T("ten_chieu"), I("thu_tu"), T("nguon"), B("tam_thoi")]);

    /// <summary>Dimension: the poverty standards.</summary>
    public static StarTable StandardDimension { get; } = new("DmChuan", "dm_chuan", "Danh mục chuẩn nghèo",
        [T("chuan"), T("ten_chuan"), B("quoc_gia"), T("ma_tinh"), I("tu_nam"), I("den_nam"), I("nguong_so_chi_so"), T("nguon")]);

    /// <summary>Dimension: the household classes.</summary>
    public static StarTable ClassDimension { get; } = new("DmPhanLoai", "dm_phan_loai", "Danh mục phân loại hộ",
        [T("phan_loai"), T("ten_phan_loai"), I("thu_tu")]);

    /// <summary>Every table of the model, facts first.</summary>
    public static IReadOnlyList<StarTable> Tables { get; } =
        [Households, HouseholdDeprivations, UnitSummaries, UnitDeprivations, Submissions, Timeliness, UnitDimension, DateDimension, IndicatorDimension, StandardDimension, ClassDimension];

    /// <summary>The key of a unit version in <c>DmDonVi</c>: its code and the first day of the version.</summary>
    public static string UnitKey(AdminUnit unit) => UnitKey(unit.Code, unit.ValidFrom);

    /// <summary>The key of a household-year: facts of several years can be loaded together without collisions.</summary>
    public static string HouseholdKey(int year, string pseudonym) => string.Create(CultureInfo.InvariantCulture, $"{year}-{pseudonym}");

    /// <summary>The key of an indicator of a standard in <c>DmChiSo</c>.</summary>
    public static string IndicatorKey(string standardId, string indicator) => standardId + ":" + indicator;

    /// <summary>Writes every table of the manifest's model to the outputs: the workbook gets the household tables one after the
    /// other (it holds one sheet at a time, so the households are read twice), the Parquet folder in one pass.</summary>
    /// <param name="manifest">What the build is made of.</param>
    /// <param name="households">Each commune's households, in manifest order; called once or twice per commune.</param>
    /// <param name="workbook">The workbook output, or null.</param>
    /// <param name="parquet">The Parquet output, or null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task WriteAsync(ExportManifest manifest, Func<ExportCommune, IAsyncEnumerable<HouseholdRecord>> households, IStarOutput? workbook, IStarOutput? parquet, CancellationToken cancellationToken)
    {
        var householdWriters = new List<IStarTableWriter>();
        IStarTableWriter? deprivationWriter = null;
        if (workbook is not null)
            householdWriters.Add(await workbook.BeginAsync(Households, cancellationToken).ConfigureAwait(false));
        if (parquet is not null)
        {
            householdWriters.Add(await parquet.BeginAsync(Households, cancellationToken).ConfigureAwait(false));
            deprivationWriter = await parquet.BeginAsync(HouseholdDeprivations, cancellationToken).ConfigureAwait(false);
        }

        await WriteHouseholdsAsync(manifest, households, householdWriters, deprivationWriter, cancellationToken).ConfigureAwait(false);
        foreach (var w in householdWriters)
            await w.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (deprivationWriter is not null)
            await deprivationWriter.CompleteAsync(cancellationToken).ConfigureAwait(false);

        if (workbook is not null)
        {
            var sheet = await workbook.BeginAsync(HouseholdDeprivations, cancellationToken).ConfigureAwait(false);
            await WriteHouseholdsAsync(manifest, households, [], sheet, cancellationToken).ConfigureAwait(false);
            await sheet.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        IStarOutput[] outputs = [.. new[] { workbook, parquet }.OfType<IStarOutput>()];
        var year = manifest.Year;
        var on = ReviewYear.Of(year).ReferenceDate;
        var communes = manifest.Communes.Select(c => c.ToSummary(year, manifest.ProvinceCode, standards.Indicators)).ToList();
        var (province, districts) = SummaryStore.Aggregate(year, manifest.ProvinceCode, communes);
        List<UnitSummary> summaries = [province, .. districts, .. communes];
        await WriteTableAsync(outputs, UnitSummaries, summaries.Select(s => UnitSummaryRow(s, on)), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(outputs, UnitDeprivations, summaries.SelectMany(s => UnitDeprivationRows(s, on)), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(outputs, Submissions, manifest.Communes.Select(c => SubmissionRow(year, c, on)), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(outputs, Timeliness, manifest.Timeliness.Select(t => TimelinessRow(year, t, on)), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(outputs, UnitDimension, units.VersionsOf(manifest.ProvinceCode).Select(u => UnitRow(u, on)), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(outputs, DateDimension, Dates(year, manifest.Timeliness).Select(DateRow), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(outputs, IndicatorDimension, standards.All.SelectMany(IndicatorRows), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(outputs, StandardDimension, standards.All.Select(StandardRow), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(outputs, ClassDimension, HouseholdClasses.All.Select((c, i) => new[] { StarValue.Text(c.Code()), StarValue.Text(c.Label()), StarValue.Whole(i + 1) }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the household facts of the manifest: each household to every writer of <paramref name="households"/>,
    /// and its deprivations to <paramref name="deprivations"/> when given.</summary>
    public async Task WriteHouseholdsAsync(ExportManifest manifest, Func<ExportCommune, IAsyncEnumerable<HouseholdRecord>> source, IReadOnlyList<IStarTableWriter> households, IStarTableWriter? deprivations, CancellationToken cancellationToken)
    {
        var year = manifest.Year;
        var on = ReviewYear.Of(year).ReferenceDate;
        var row = new StarValue[Households.Columns.Count];
        var deprivation = new StarValue[HouseholdDeprivations.Columns.Count];
        foreach (var commune in manifest.Communes)
        {
            var found = units.FindCommune(commune.Code, on)?.Unit;
            var communeName = StarValue.Text(found?.Name);
            var unitKey = StarValue.Text(found is null ? UnitKey(commune.Code, null) : UnitKey(found));
            var yearValue = StarValue.Whole(year);
            var province = StarValue.Text(manifest.ProvinceCode);
            var district = StarValue.Text(commune.DistrictCode);
            var communeCode = StarValue.Text(commune.Code);
            var submission = StarValue.Text(commune.SubmissionId);
            var referenceDate = StarValue.Date(on);
            await foreach (var h in source(commune).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var pseudonym = pseudonymiser.Pseudonymise(commune.Code, h.HouseholdId);
                var householdKey = StarValue.Text(HouseholdKey(year, pseudonym));
                if (households.Count > 0)
                {
                    var i = 0;
                    row[i++] = yearValue;
                    row[i++] = province;
                    row[i++] = district;
                    row[i++] = communeCode;
                    row[i++] = communeName;
                    row[i++] = submission;
                    row[i++] = StarValue.Text(pseudonym);
                    row[i++] = StarValue.Text(h.Village);
                    row[i++] = StarValue.Text(h.Class);
                    row[i++] = StarValue.Whole(h.DeprivationCount);
                    row[i++] = StarValue.Whole(h.B2Score);
                    row[i++] = StarValue.Text(string.Join(';', h.Deprivations));
                    row[i++] = StarValue.Text(h.DeprivationSources);
                    row[i++] = StarValue.Text(h.Area);
                    row[i++] = StarValue.Whole(h.Persons);
                    row[i++] = StarValue.Boolean(h.EthnicMinority);
                    row[i++] = StarValue.Text(h.IncomeTest);
                    row[i++] = StarValue.Number(h.IncomeValue);
                    row[i++] = StarValue.Number(h.IncomeThreshold);
                    row[i++] = StarValue.Text(h.Standard);
                    row[i++] = StarValue.Text(h.LocalClass);
                    row[i++] = StarValue.Text(h.LocalStandard);
                    row[i++] = StarValue.Text(h.Explanation);
                    row[i++] = householdKey;
                    row[i++] = unitKey;
                    row[i++] = referenceDate;
                    row[i++] = StarValue.Boolean(h.MeritFamily);
                    foreach (var writer in households)
                        await writer.WriteRowAsync(row, cancellationToken).ConfigureAwait(false);
                }

                if (deprivations is null)
                    continue;
                foreach (var (indicator, how) in DeprivationsOf(h))
                {
                    var i = 0;
                    deprivation[i++] = householdKey;
                    deprivation[i++] = yearValue;
                    deprivation[i++] = StarValue.Text(pseudonym);
                    deprivation[i++] = unitKey;
                    deprivation[i++] = StarValue.Text(h.Class);
                    deprivation[i++] = StarValue.Text(IndicatorKey(h.Standard, indicator));
                    deprivation[i++] = StarValue.Text(indicator);
                    deprivation[i++] = StarValue.Text(how);
                    await deprivations.WriteRowAsync(deprivation, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static string UnitKey(string code, DateOnly? validFrom) =>
        code + "|" + (validFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");

    /// <summary>The indicators a household is deprived in with their source (<c>khai</c>, <c>suy_ra</c>, <c>mac_dinh</c>), read
    /// from <c>key:source</c> pairs; a deprivation stored without its source keeps an empty one.</summary>
    private static IEnumerable<(string Indicator, string? Source)> DeprivationsOf(HouseholdRecord h)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (h.DeprivationSources ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                sources[pair[..colon]] = pair[(colon + 1)..];
        }

        foreach (var key in h.Deprivations)
            yield return (key, sources.GetValueOrDefault(key));
    }

    private static async Task WriteTableAsync(IReadOnlyList<IStarOutput> outputs, StarTable table, IEnumerable<StarValue[]> rows, CancellationToken cancellationToken)
    {
        // Outputs that hold one table at a time (the workbook) are written one after the other.
        foreach (var output in outputs)
        {
            var writer = await output.BeginAsync(table, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
                await writer.WriteRowAsync(row, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private string VersionKey(string code, DateOnly on) => units.Find(code, on) is { } unit ? UnitKey(unit) : UnitKey(code, null);

    private StarValue[] UnitSummaryRow(UnitSummary s, DateOnly on)
    {
        var name = units.Find(s.UnitCode, on)?.Name;
        return
        [
            StarValue.Whole(s.Year), StarValue.Text(UnitSummary.LevelCode(s.Level)), StarValue.Text(s.UnitCode), StarValue.Text(name),
            StarValue.Text(s.ProvinceCode), StarValue.Text(s.DistrictCode), StarValue.Whole(s.CommunesReported), StarValue.Whole(s.TotalHouseholds),
            StarValue.Whole(s.TotalPersons),
            .. HouseholdClasses.All.Select(c => StarValue.Whole(s.Tally.HouseholdsOf(c))),
            .. HouseholdClasses.All.Where(c => c != HouseholdClass.NotPoor).Select(c => StarValue.Number(s.RateOf(c))),
            .. HouseholdClasses.All.Select(c => StarValue.Whole(s.Tally.PersonsOf(c))),
            StarValue.Text(VersionKey(s.UnitCode, on)),
        ];
    }

    private IEnumerable<StarValue[]> UnitDeprivationRows(UnitSummary unit, DateOnly on)
    {
        var unitKey = StarValue.Text(VersionKey(unit.UnitCode, on));
        var standard = unit.StandardId ?? standards.NationalFor(unit.Year)?.Id;
        foreach (var c in new[] { HouseholdClass.Poor, HouseholdClass.NearPoor })
        {
            foreach (var indicator in standards.Indicators.All)
            {
                yield return
                [
                    StarValue.Whole(unit.Year), StarValue.Text(UnitSummary.LevelCode(unit.Level)), StarValue.Text(unit.UnitCode), StarValue.Text(c.Code()),
                    StarValue.Text(indicator.Key), StarValue.Text(indicator.Name), StarValue.Whole(unit.Tally.DeprivedAmong(c, indicator)), unitKey,
                    StarValue.Text(standard is null ? null : IndicatorKey(standard, indicator.Key)),
                ];
            }
        }
    }

    private StarValue[] SubmissionRow(int year, ExportCommune c, DateOnly on) =>
    [
        StarValue.Whole(year), StarValue.Text(c.SubmissionId), StarValue.Text(c.Code), StarValue.Text(c.DistrictCode), StarValue.Text(VersionKey(c.Code, on)),
        StarValue.Text(c.StandardId), StarValue.Whole(c.TotalHouseholds), StarValue.Whole(c.TotalPersons), StarValue.Whole(c.Counts.Households.Values.Sum()),
        StarValue.Whole(c.Counts.Households.GetValueOrDefault(HouseholdClass.Poor.Code())), StarValue.Whole(c.Counts.Households.GetValueOrDefault(HouseholdClass.NearPoor.Code())),
    ];

    private StarValue[] TimelinessRow(int year, ReportingTimelinessRow t, DateOnly on)
    {
        DateOnly? submittedOn = t.SubmittedAt is { } at ? DateOnly.FromDateTime(at.ToOffset(VietnamOffset).DateTime) : null;
        long? daysLate = submittedOn is { } day && day > t.Due ? day.DayNumber - t.Due.DayNumber : null;
        return
        [
            StarValue.Whole(year), StarValue.Text(t.PlanId), StarValue.Text(t.PlanTitle), StarValue.Text(t.PlanUnitCode), StarValue.Text(VersionKey(t.PlanUnitCode, on)),
            StarValue.Text(t.PeriodId), StarValue.Text(t.PeriodLabel), StarValue.Date(t.Due), StarValue.Text(t.ReporterId), StarValue.Text(t.ReporterName),
            StarValue.Text(t.ReporterUnitCode), StarValue.Boolean(t.Expected), StarValue.Text(t.Status), StarValue.Text(StatusLabel(t.Status)),
            StarValue.Timestamp(t.SubmittedAt), StarValue.Date(submittedOn), StarValue.Whole(daysLate),
        ];
    }

    private static string StatusLabel(string status) => status switch
    {
        "dung-han" => "Đúng hạn",
        "tre-han" => "Trễ hạn",
        _ => "Chưa nộp",
    };

    private static StarValue[] UnitRow(AdminUnit u, DateOnly on)
    {
        var (level, label) = u.Level switch
        {
            AdminLevel.Province => ("tinh", "Tỉnh, thành phố"),
            AdminLevel.District => ("huyen", "Quận, huyện"),
            _ => ("xa", "Xã, phường, đặc khu"),
        };
        var parent = u.Level switch
        {
            AdminLevel.Province => null,
            AdminLevel.District => u.ProvinceCode,
            _ => u.DistrictCode ?? u.ProvinceCode,
        };
        return
        [
            StarValue.Text(UnitKey(u)), StarValue.Text(u.Code), StarValue.Text(u.Name), StarValue.Text(level), StarValue.Text(label), StarValue.Text(u.Type),
            StarValue.Text(u.ProvinceCode), StarValue.Text(u.DistrictCode), StarValue.Text(parent), StarValue.Date(u.ValidFrom), StarValue.Date(u.ValidTo),
            StarValue.Boolean(u.IsValidOn(on)),
        ];
    }

    private static IEnumerable<DateOnly> Dates(int year, IReadOnlyList<ReportingTimelinessRow> timeliness)
    {
        var first = new DateOnly(year - 1, 1, 1);
        var last = new DateOnly(year + 1, 12, 31);
        foreach (var t in timeliness)
        {
            foreach (var day in new DateOnly?[] { t.Due, t.SubmittedAt is { } at ? DateOnly.FromDateTime(at.ToOffset(VietnamOffset).DateTime) : null })
            {
                if (day is { } d)
                {
                    first = d < first ? new DateOnly(d.Year, 1, 1) : first;
                    last = d > last ? new DateOnly(d.Year, 12, 31) : last;
                }
            }
        }

        for (var d = first; d <= last; d = d.AddDays(1))
            yield return d;
    }

    private static StarValue[] DateRow(DateOnly d)
    {
        // Vietnamese weekdays count from Monday as "Thứ Hai" (2) to Sunday as "Chủ nhật" (8).
        var weekday = d.DayOfWeek == DayOfWeek.Sunday ? 8 : (int)d.DayOfWeek + 1;
        return
        [
            StarValue.Date(d), StarValue.Whole(d.Year), StarValue.Whole((d.Month + 2) / 3), StarValue.Whole(d.Month),
            StarValue.Text(string.Create(CultureInfo.InvariantCulture, $"Tháng {d.Month}")), StarValue.Whole(d.Day), StarValue.Whole(weekday),
            StarValue.Text(weekday == 8 ? "Chủ nhật" : string.Create(CultureInfo.InvariantCulture, $"Thứ {WeekdayNames[weekday - 2]}")),
            StarValue.Text(string.Create(CultureInfo.InvariantCulture, $"{d.Year}-{d.Month:00}")),
        ];
    }

    private static readonly string[] WeekdayNames = ["Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy"];

    private IEnumerable<StarValue[]> IndicatorRows(PovertyStandard s) =>
        s.Indicators.Select(indicator =>
        {
            var dimension = s.DimensionOf.GetValueOrDefault(indicator.Key);
            return new[]
            {
                StarValue.Text(IndicatorKey(s.Id, indicator.Key)), StarValue.Text(s.Id), StarValue.Text(indicator.Key), StarValue.Text(indicator.Name),
                StarValue.Text(dimension), StarValue.Text(dimension is null ? null : standards.Indicators.FindDimension(dimension)?.Name),
                StarValue.Whole(indicator.Index + 1), StarValue.Text(s.IndicatorsProvenance.Source), StarValue.Boolean(s.IndicatorsProvisional),
            };
        });

    private static StarValue[] StandardRow(PovertyStandard s) =>
    [
        StarValue.Text(s.Id), StarValue.Text(s.Name), StarValue.Boolean(s.IsNational), StarValue.Text(s.ProvinceCode),
        StarValue.Whole(s.Years.Count == 0 ? null : s.Years.Min(y => y.From)), StarValue.Whole(s.Years.Count == 0 ? null : s.Years.Max(y => y.To)),
        StarValue.Whole(s.DeprivationCutoff.Value), StarValue.Text(s.DeprivationCutoff.Provenance.Source),
    ];
}
