using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Surveys.Scoring;

/// <summary>Reads a commune survey, validates every row and scores every household under the standard of the review year.</summary>
/// <remarks>
/// Streams: member rows are folded into a small summary per household first, then household rows are scored one by one
/// and handed to the sink, so memory grows with the number of households (a few hundred bytes each), never with the file.
/// Every problem is collected (not only the first), so the officer can fix the file in one go.
/// </remarks>
public sealed class SurveyScorer
{
    private readonly StandardCatalog _standards;
    private readonly AdminUnitCatalog _units;
    private readonly SurveyLimits _limits;

    /// <summary>Creates a scorer over the given standards and administrative units.</summary>
    public SurveyScorer(StandardCatalog standards, AdminUnitCatalog units, SurveyLimits? limits = null)
    {
        _standards = standards;
        _units = units;
        _limits = limits ?? SurveyLimits.Default;
    }

    /// <summary>Scores the survey, sending each scored household to <paramref name="sink"/>.</summary>
    /// <remarks>Check <see cref="SurveyOutcome.Succeeded"/> before publishing what the sink received.</remarks>
    public SurveyOutcome Score(SurveySource source, SurveyExpectations expectations, IScoredHouseholdSink sink, CancellationToken cancellationToken = default)
    {
        var issues = new SurveyIssues(_limits.MaxListedIssues);
        var outcome = new SurveyOutcome(issues);
        try
        {
            var header = ReadInfo(source, expectations, issues, out var infoAt);
            HouseholdScorer? scorer = null;
            if (header is not null)
            {
                scorer = HouseholdScorer.For(_standards, header.Year, header.Province.Code);
                outcome.Header = header;
                outcome.National = scorer?.National;
                outcome.Local = scorer?.Local;
            }

            var (members, memberSheet) = ReadMembers(source, header?.Year, scorer, outcome, cancellationToken);
            var (householdRows, persons) = ReadHouseholds(source, header, scorer, members, outcome, sink, cancellationToken);

            foreach (var (key, entry) in members.Where(m => !m.Value.Matched))
            {
                issues.Error(memberSheet, entry.FirstRow, null, "ma_ho",
                    $"Thành viên thuộc hộ \"{key}\" nhưng sheet ho không có hộ này ({entry.Count} thành viên).");
            }

            // Checked even when rows have errors: the counts are then lower bounds, so an excess is still certain.
            if (header is not null)
            {
                if (header.TotalHouseholds < householdRows)
                    issues.Error(infoAt.Sheet, infoAt.Row, null, "tong_so_ho", $"Tổng số hộ dân cư ({header.TotalHouseholds}) nhỏ hơn số hộ được rà soát ({householdRows}).");
                if (header.TotalPersons < persons)
                    issues.Error(infoAt.Sheet, infoAt.Row, null, "tong_so_nhan_khau", $"Tổng số nhân khẩu ({header.TotalPersons}) nhỏ hơn tổng nhân khẩu của các hộ được rà soát ({persons}).");
            }
        }
        catch (SurveyFormatException ex)
        {
            issues.Error(ex);
        }

        return outcome;
    }

    /// <summary>Reads and validates only the <c>thong_tin</c> sheet: a quick check at upload time, before the whole file is scored.</summary>
    /// <returns>The header, or null with the reasons in the returned issues.</returns>
    public (SurveyHeader? Header, SurveyIssues Issues) ReadHeader(SurveySource source, SurveyExpectations expectations)
    {
        var issues = new SurveyIssues(_limits.MaxListedIssues);
        try
        {
            var header = ReadInfo(source, expectations, issues, out _);
            return (issues.HasErrors ? null : header, issues);
        }
        catch (SurveyFormatException ex)
        {
            issues.Error(ex);
            return (null, issues);
        }
    }

    private SurveyHeader? ReadInfo(SurveySource source, SurveyExpectations expectations, SurveyIssues issues, out (string Sheet, int Row) infoAt)
    {
        infoAt = (SurveySchema.InfoSheet, 2);
        using var cursor = source.OpenSheet(SurveySchema.InfoSheet);
        if (cursor is null)
        {
            issues.Error(null, null, null, null, $"Thiếu sheet \"{SurveySchema.InfoSheet}\" (thông tin chung: năm, mã tỉnh, mã xã, tổng số hộ, tổng số nhân khẩu).");
            return null;
        }

        var sheet = cursor.Name;
        var header = SheetHeader.Read(cursor, SurveySchema.Info.Columns, issues);
        if (header is null)
            return null;
        var row = new RowParser(cursor, header, issues);
        int? dataRow = null;
        int? year = null;
        string? provinceCode = null, communeCode = null, districtCode = null, reviewKind = null;
        long? totalHouseholds = null, totalPersons = null;
        while (cursor.Read())
        {
            if (cursor.IsRowEmpty)
                continue;
            if (dataRow is not null)
            {
                issues.Error(sheet, cursor.RowNumber, null, null, $"Sheet {sheet} chỉ được có một dòng dữ liệu (đã có dòng {dataRow}).");
                continue;
            }

            dataRow = cursor.RowNumber;
            year = (int?)row.Integer(row.Column("nam"), required: true, min: 2000, max: 2100);
            provinceCode = row.Digits(row.Column("ma_tinh"), 2, required: true);
            communeCode = row.Digits(row.Column("ma_xa"), 5, required: true);
            totalHouseholds = row.Integer(row.Column("tong_so_ho"), required: true, Bounds(SurveySchema.Info, "tong_so_ho"));
            totalPersons = row.Integer(row.Column("tong_so_nhan_khau"), required: true, Bounds(SurveySchema.Info, "tong_so_nhan_khau"));
            reviewKind = row.Code(row.Column("ky_ra_soat"), SurveySchema.ReviewKinds, required: false) ?? "dinh_ky";
            districtCode = row.Digits(row.Column("ma_huyen"), 3, required: false);
        }

        if (dataRow is null)
        {
            issues.Error(sheet, header.RowNumber + 1, null, null, $"Sheet {sheet} chưa có dòng dữ liệu.");
            return null;
        }

        var at = infoAt = (sheet, dataRow.Value);
        if (year is { } y && expectations.Year is { } expectedYear && y != expectedYear)
        {
            issues.Error(sheet, at.Row, row.Letter("nam"), "nam", $"Năm rà soát trong tệp ({y}) khác năm đã chọn ({expectedYear}).");
            return null;
        }

        if (year is { } standardYear && _standards.NationalFor(standardYear) is null)
        {
            var years = _standards.NationalYears().ToList();
            issues.Error(sheet, at.Row, row.Letter("nam"), "nam", $"Chưa có chuẩn nghèo cho năm {standardYear}; hệ thống hỗ trợ các năm {years.Min()}–{years.Max()}.");
            return null;
        }

        if (year is null || provinceCode is null || communeCode is null || totalHouseholds is null || totalPersons is null)
            return null;

        var on = new DateOnly(year.Value, 9, 1);
        var province = _units.FindProvince(provinceCode, on);
        if (province is null)
        {
            issues.Error(sheet, at.Row, row.Letter("ma_tinh"), "ma_tinh", $"Mã tỉnh \"{provinceCode}\" không có trong danh mục hành chính năm {year}.");
            return null;
        }

        var commune = _units.FindCommune(communeCode, on);
        if (commune is null)
        {
            issues.Error(sheet, at.Row, row.Letter("ma_xa"), "ma_xa", $"Mã xã \"{communeCode}\" không có trong danh mục hành chính năm {year}.");
            return null;
        }

        if (commune.Unit.ProvinceCode != province.Code)
        {
            issues.Error(sheet, at.Row, row.Letter("ma_xa"), "ma_xa", $"Xã {communeCode} ({commune.Unit.Name}) không thuộc tỉnh {provinceCode} ({province.Name}).");
            return null;
        }

        if (expectations.CommuneCode is { } expectedCommune && expectedCommune != communeCode && expectedCommune != commune.Unit.Code)
        {
            issues.Error(sheet, at.Row, row.Letter("ma_xa"), "ma_xa", $"Mã xã trong tệp ({communeCode}) khác mã xã đã chọn ({expectedCommune}).");
            return null;
        }

        if (commune.ViaAlias)
            issues.Warning(sheet, at.Row, row.Letter("ma_xa"), "ma_xa", $"Mã xã \"{communeCode}\" là mã cũ/bí danh của {commune.Unit.Code} ({commune.Unit.Name}); hệ thống dùng {commune.Unit.Code}.");

        AdminUnit? district = null;
        if (!AdminUnitCatalog.IsTwoTier(on))
        {
            district = commune.Unit.DistrictCode is { } d ? _units.FindDistrict(d, on) : null;
            if (districtCode is not null && districtCode != commune.Unit.DistrictCode)
                issues.Error(sheet, at.Row, row.Letter("ma_huyen"), "ma_huyen", $"Xã {communeCode} thuộc huyện {commune.Unit.DistrictCode}, không phải huyện {districtCode}.");
        }
        else if (districtCode is not null)
        {
            issues.Warning(sheet, at.Row, row.Letter("ma_huyen"), "ma_huyen", $"Từ 01/07/2025 không còn cấp huyện; mã huyện \"{districtCode}\" được bỏ qua.");
        }

        return new SurveyHeader(year.Value, province, commune.Unit, district, totalHouseholds.Value, totalPersons.Value, reviewKind!, on,
            commune.ViaAlias ? communeCode : null);
    }

    private (Dictionary<string, MemberEntry> Members, string? Sheet) ReadMembers(SurveySource source, int? year, HouseholdScorer? scorer, SurveyOutcome outcome, CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, MemberEntry>(StringComparer.Ordinal);
        using var cursor = source.OpenSheet(SurveySchema.MemberSheet);
        if (cursor is null)
            return (members, null);
        var issues = outcome.Issues;
        var header = SheetHeader.Read(cursor, SurveySchema.Members.Columns, issues);
        if (header is null || !header.Has("ma_ho"))
            return (members, cursor.Name);

        var row = new RowParser(cursor, header, issues);
        ColumnRef cKey = row.Column("ma_ho"), cName = row.Column("ho_ten"), cBirth = row.Column("nam_sinh"), cSex = row.Column("gioi_tinh"),
            cInsured = row.Column("co_bhyt"), cSchool = row.Column("dang_di_hoc"), cAble = row.Column("kha_nang_lao_dong"),
            cEmployment = row.Column("tinh_trang_viec_lam"), cAllowance = row.Column("huong_tro_cap_xa_hoi"), cMalnourished = row.Column("suy_dinh_duong"), cRelationship = row.Column("quan_he_chu_ho"),
            cDisabled = row.Column("khuyet_tat");
        var byKey = members.GetAlternateLookup<ReadOnlySpan<char>>();
        string? lastKey = null;
        MemberEntry? last = null;
        var minBirthYear = year - 120;
        while (cursor.Read())
        {
            if (cursor.IsRowEmpty)
                continue;
            if ((++outcome.MembersRead & 0xFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            if (outcome.MembersRead > _limits.MaxMembers)
            {
                issues.Error(cursor.Name, cursor.RowNumber, null, null, $"Quá {_limits.MaxMembers:N0} thành viên; hãy chia tệp.");
                break;
            }

            var errorsBefore = issues.ErrorCount;
            var key = row.HouseholdCode(cKey);
            var name = row.Span(cName);
            if (name.IsEmpty)
                row.Error(cName, "Không được để trống.");
            var birthYear = row.Integer(cBirth, required: true, min: minBirthYear ?? 1880, max: year ?? 2100);
            var sex = row.Code(cSex, SurveySchema.Sexes, required: false);
            var insured = row.Flag(cInsured);
            var inSchool = row.Flag(cSchool);
            var ableToWork = row.Flag(cAble);
            var employment = row.Code(cEmployment, SurveySchema.EmploymentStatuses, required: false);
            var allowance = row.Flag(cAllowance);
            var malnourished = row.Flag(cMalnourished);
            var disabled = row.Flag(cDisabled);
            if (key.IsEmpty)
                continue;

            // Members of a household usually sit together, so the previous entry is the likely one.
            if (last is null || !key.SequenceEqual(lastKey))
            {
                if (!byKey.TryGetValue(key, out last))
                {
                    last = new MemberEntry(cursor.RowNumber, scorer?.NewMemberFacts());
                    byKey[key] = last;
                }

                lastKey = key.ToString();
            }

            var entry = last;
            entry.Count++;
            if (issues.ErrorCount != errorsBefore || scorer is null || entry.Facts is null || birthYear is null)
                continue;
            // The name is checked (required) but goes no further: the member is known by relationship and position.
            var relationship = MemberRelationships.Recognise(row.Span(cRelationship));
            scorer.AddMember(entry.Facts, new MemberRecord(relationship, entry.Count,
                (int)(year!.Value - birthYear.Value), insured, inSchool, ableToWork, ToEmployment(employment), allowance, malnourished,
                IsHead: relationship == MemberRelationships.Head, Female: sex is null ? null : sex == "nu", Disabled: disabled));
        }

        return (members, cursor.Name);
    }

    private (int Rows, long Persons) ReadHouseholds(SurveySource source, SurveyHeader? surveyHeader, HouseholdScorer? scorer, Dictionary<string, MemberEntry> members,
        SurveyOutcome outcome, IScoredHouseholdSink sink, CancellationToken cancellationToken)
    {
        var issues = outcome.Issues;
        using var cursor = source.OpenSheet(SurveySchema.HouseholdSheet);
        if (cursor is null)
        {
            issues.Error(null, null, null, null, $"Thiếu sheet \"{SurveySchema.HouseholdSheet}\" (danh sách hộ rà soát).");
            return (0, 0);
        }

        var header = SheetHeader.Read(cursor, SurveySchema.Households.Columns, issues);
        if (header is null)
            return (0, 0);

        var catalog = _standards.Indicators;
        var national = scorer?.National;
        var flagColumns = catalog.All.Select(i => (Indicator: i, Column: header.Column(i.FlagColumn))).Where(x => x.Column.Present).ToArray();
        var unusedFlagSeen = new bool[flagColumns.Length];
        var row = new RowParser(cursor, header, issues);
        ColumnRef cKey = row.Column("ma_ho"), cName = row.Column("ho_ten_chu_ho"), cVillage = row.Column("thon"), cArea = row.Column("khu_vuc"),
            cSize = row.Column("so_nhan_khau"), cIncome = row.Column("thu_nhap_binh_quan"), cB1 = row.Column("diem_b1"), cCitizenId = row.Column("so_cccd_chu_ho"),
            cFloor = row.Column("dien_tich_nha_o_m2"), cAgriculture = row.Column("nlndn"), cMinority = row.Column("dan_toc_thieu_so"), cMerit = row.Column("co_nguoi_co_cong");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var sizeBounds = Bounds(SurveySchema.Households, "so_nhan_khau");
        long persons = 0;
        var rows = 0;
        var localUndecided = 0;
        (int Row, ScoringNote Note)? firstLocalUndecided = null;
        while (cursor.Read())
        {
            if (cursor.IsRowEmpty)
                continue;
            if ((++rows & 0xFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            if (rows > _limits.MaxHouseholds)
            {
                issues.Error(cursor.Name, cursor.RowNumber, null, null, $"Quá {_limits.MaxHouseholds:N0} hộ; hãy chia tệp.");
                break;
            }

            var errorsBefore = issues.ErrorCount;
            var code = row.HouseholdCode(cKey);
            var key = code.IsEmpty ? null : code.ToString();
            if (key is not null && !seen.TryAdd(key, cursor.RowNumber))
                row.Error(cKey, $"Mã hộ \"{key}\" bị trùng với dòng {seen[key]}.");
            var areaCode = row.Code(cArea, SurveySchema.Areas, required: true);
            var size = row.Integer(cSize, required: true, sizeBounds);
            persons += size ?? 0;
            var income = row.Money(cIncome);
            var b1 = row.Decimal(cB1);
            if (income is null && b1 is null && !row.HasValue(cIncome) && !row.HasValue(cB1))
                row.Error(cIncome, "Cần khai thu nhập bình quân (thu_nhap_binh_quan) hoặc điểm B1 (diem_b1).");
            var citizenId = row.Digits(cCitizenId, 12, required: false);
            var floorArea = row.Decimal(cFloor);
            var agriculture = row.Flag(cAgriculture);
            var ethnicMinority = row.Flag(cMinority);
            var merit = row.Flag(cMerit);
            ulong given = 0, deprived = 0;
            for (var f = 0; f < flagColumns.Length; f++)
            {
                var (indicator, column) = flagColumns[f];
                if (row.Flag(column) is not { } flag)
                    continue;
                var bit = 1UL << indicator.Index;
                given |= bit;
                if (flag)
                    deprived |= bit;
                if (national is not null && !national.Uses(indicator))
                    unusedFlagSeen[f] = true;
            }

            var entry = key is null ? null : members.GetValueOrDefault(key);
            if (entry is not null)
                entry.Matched = true;
            if (issues.ErrorCount != errorsBefore || key is null || scorer is null || surveyHeader is null)
                continue;

            MemberFacts? memberFacts = null;
            if (entry is not null)
            {
                memberFacts = entry.Facts;
                if (entry.Count != size)
                    issues.Warning(cursor.Name, cursor.RowNumber, cursor.ColumnLabel(cSize.Index), cSize.Key, $"Số nhân khẩu ({size}) khác số thành viên khai trong sheet thanh_vien ({entry.Count}); chỉ số người phụ thuộc không suy ra được, hãy khai đủ thành viên hoặc khai cột tt_nguoi_phu_thuoc.");
            }

            var facts = new HouseholdFacts
            {
                HouseholdId = key,
                Area = areaCode == "thanh_thi" ? AreaType.Urban : AreaType.Rural,
                Size = (int)size!.Value,
                IncomePerCapita = income,
                B1Points = b1,
                FlagsGiven = given,
                FlagsDeprived = deprived,
                FloorAreaM2 = floorArea,
                AgricultureHousehold = agriculture,
                Members = memberFacts,
            };
            if (!scorer.TryScore(facts, out var result, out var error))
            {
                row.Error(row.Column(error!.Column ?? "ma_ho"), error.Message);
                continue;
            }

            if (result!.LocalUndecided is { } undecided && localUndecided++ == 0)
                firstLocalUndecided = (cursor.RowNumber, undecided);
            foreach (var warning in result.Warnings)
                issues.Warning(cursor.Name, cursor.RowNumber, warning.Column is null ? null : row.Letter(warning.Column), warning.Column, warning.Message);

            var household = new SurveyHousehold
            {
                Row = cursor.RowNumber,
                Facts = facts,
                HeadName = row.Text(cName, required: false),
                CitizenId = citizenId,
                Village = row.Text(cVillage, required: false),
                EthnicMinority = ethnicMinority,
                MeritFamily = merit,
            };
            sink.Add(household, result);
            outcome.HouseholdsScored++;
            outcome.NationalTally.Add(result.National, facts.Size);
            if (result.Local is not null)
                outcome.LocalTally.Add(result.Local, facts.Size);
        }

        for (var f = 0; f < flagColumns.Length; f++)
        {
            if (unusedFlagSeen[f])
            {
                var (indicator, column) = flagColumns[f];
                issues.Warning(cursor.Name, header.RowNumber, cursor.ColumnLabel(column.Index), indicator.FlagColumn,
                    $"Chuẩn {national!.Id} của năm {surveyHeader!.Year} không dùng chỉ số \"{indicator.Name}\"; cột {indicator.FlagColumn} không được tính.");
            }
        }

        if (rows == 0)
            issues.Error(cursor.Name, header.RowNumber + 1, null, null, "Sheet ho chưa có hộ nào.");
        if (localUndecided > 0)
        {
            issues.Warning(cursor.Name, firstLocalUndecided!.Value.Row, null, firstLocalUndecided.Value.Note.Column,
                $"{localUndecided} hộ không xếp loại được theo chuẩn địa phương {scorer!.Local!.Id} (ví dụ dòng {firstLocalUndecided.Value.Row}): {firstLocalUndecided.Value.Note.Message}");
        }

        return (rows, persons);
    }

    private static (long Min, long Max) Bounds(SurveySheet sheet, string key)
    {
        var column = sheet.Find(key)!;
        return (column.Min, column.Max);
    }

    private static EmploymentStatus? ToEmployment(string? code) => code switch
    {
        "co_viec_lam" => EmploymentStatus.Employed,
        "khong_co_viec_lam" => EmploymentStatus.NotEmployed,
        "dang_tim_viec" => EmploymentStatus.LookingForWork,
        "khong_co_kha_nang_lao_dong" => EmploymentStatus.UnableToWork,
        "dang_di_hoc" => EmploymentStatus.Studying,
        "khong_muon_di_lam" => EmploymentStatus.NotWillingToWork,
        "noi_tro" => EmploymentStatus.Homemaker,
        _ => null,
    };

    private sealed class MemberEntry(int firstRow, MemberFacts? facts)
    {
        public int FirstRow { get; } = firstRow;

        public MemberFacts? Facts { get; } = facts;

        public int Count { get; set; }

        public bool Matched { get; set; }
    }
}
