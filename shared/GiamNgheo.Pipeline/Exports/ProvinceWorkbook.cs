using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Spreadsheets;

namespace GiamNgheo.Pipeline.Exports;

/// <summary>Writes the province workbook for analysts: every counted household and every unit summary, as named Excel
/// tables (<c>HoGiaDinh</c>, <c>DonVi</c>, <c>ThieuHut</c>) that Power BI imports directly.</summary>
/// <remarks>Streams row by row, so memory does not grow with the province. Households carry a keyed pseudonym
/// (<c>ma_ho_an_danh</c>) instead of their code, and results whose explanations name no one; never a name or a citizen ID.</remarks>
public sealed class ProvinceWorkbook
{
    private static readonly string[] HouseholdColumns =
    [
        "nam", "ma_tinh", "ma_huyen", "ma_xa", "ten_xa", "ma_nop", "ma_ho_an_danh", "thon", "phan_loai", "so_chi_so_thieu_hut", "diem_b2",
        "chi_so_thieu_hut", "nguon_chi_so", "khu_vuc", "so_nhan_khau", "dan_toc_thieu_so", "kiem_dinh_thu_nhap", "gia_tri_kiem_dinh",
        "nguong_kiem_dinh", "chuan_ap_dung", "phan_loai_dia_phuong", "chuan_dia_phuong", "giai_thich",
    ];

    private readonly AdminUnitCatalog _units;
    private readonly IndicatorCatalog _indicators;
    private readonly HouseholdPseudonymiser _pseudonymiser;

    /// <summary>Creates the writer.</summary>
    public ProvinceWorkbook(AdminUnitCatalog units, StandardCatalog standards, HouseholdPseudonymiser pseudonymiser)
    {
        _units = units;
        _indicators = standards.Indicators;
        _pseudonymiser = pseudonymiser;
    }

    /// <summary>Writes the workbook of a manifest: every commune's households (as <paramref name="households"/> yields them, in
    /// manifest order) and the unit summaries.</summary>
    public async Task WriteAsync(Stream output, ExportManifest manifest, Func<ExportCommune, IAsyncEnumerable<HouseholdRecord>> households, CancellationToken cancellationToken)
    {
        var year = manifest.Year;
        var provinceCode = manifest.ProvinceCode;
        var on = ReviewYear.Of(year).ReferenceDate;
        var communes = manifest.Communes.Select(c => c.ToSummary(year, provinceCode, _indicators)).ToList();
        using var workbook = new XlsxStreamWriter(output, leaveOpen: true);
        workbook.StartSheet("ho_gia_dinh", [6, 8, 9, 8, 28, 32, 34, 18, 22, 10, 8, 40, 50, 11, 9, 9, 12, 14, 14, 16, 16, 18, 80], freezeHeaderRow: true);
        workbook.WriteHeaderRow(HouseholdColumns);
        var cells = new XlsxCell[HouseholdColumns.Length];
        foreach (var commune in manifest.Communes)
        {
            var communeName = _units.FindCommune(commune.Code, on)?.Unit.Name;
            await foreach (var h in households(commune).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var i = 0;
                cells[i++] = XlsxCell.Number(year);
                cells[i++] = XlsxCell.Text(provinceCode);
                cells[i++] = XlsxCell.Text(commune.DistrictCode);
                cells[i++] = XlsxCell.Text(commune.Code);
                cells[i++] = XlsxCell.Text(communeName);
                cells[i++] = XlsxCell.Text(commune.SubmissionId);
                cells[i++] = XlsxCell.Text(_pseudonymiser.Pseudonymise(commune.Code, h.HouseholdId));
                cells[i++] = XlsxCell.Text(h.Village);
                cells[i++] = XlsxCell.Text(h.Class);
                cells[i++] = XlsxCell.Number(h.DeprivationCount);
                cells[i++] = XlsxCell.Number(h.B2Score);
                cells[i++] = XlsxCell.Text(string.Join(';', h.Deprivations));
                cells[i++] = XlsxCell.Text(h.DeprivationSources);
                cells[i++] = XlsxCell.Text(h.Area);
                cells[i++] = XlsxCell.Number(h.Persons);
                cells[i++] = h.EthnicMinority is { } m ? XlsxCell.Boolean(m) : XlsxCell.Empty;
                cells[i++] = XlsxCell.Text(h.IncomeTest);
                cells[i++] = XlsxCell.Number(h.IncomeValue);
                cells[i++] = XlsxCell.Number(h.IncomeThreshold);
                cells[i++] = XlsxCell.Text(h.Standard);
                cells[i++] = XlsxCell.Text(h.LocalClass);
                cells[i++] = XlsxCell.Text(h.LocalStandard);
                cells[i++] = XlsxCell.Text(h.Explanation);
                workbook.WriteRow(cells);
            }
        }

        workbook.EndSheet("HoGiaDinh");
        WriteUnits(workbook, year, provinceCode, communes, on);
        WriteDeprivations(workbook, year, provinceCode, communes);
    }

    private void WriteUnits(XlsxStreamWriter workbook, int year, string provinceCode, IReadOnlyList<UnitSummary> communes, DateOnly on)
    {
        var columns = new List<string>
        {
            "nam", "cap", "ma_don_vi", "ten_don_vi", "ma_tinh", "ma_huyen", "so_xa_bao_cao", "tong_so_ho", "tong_so_nhan_khau",
        };
        foreach (var c in HouseholdClasses.All)
            columns.Add("ho_" + c.Code());
        foreach (var c in HouseholdClasses.All.Where(c => c != HouseholdClass.NotPoor))
            columns.Add("ty_le_ho_" + c.Code());
        foreach (var c in HouseholdClasses.All)
            columns.Add("nhan_khau_" + c.Code());

        workbook.StartSheet("don_vi", [6, 7, 10, 30, 8, 9, 12, 12, 16], freezeHeaderRow: true);
        workbook.WriteHeaderRow(columns);
        var (province, districts) = SummaryStore.Aggregate(year, provinceCode, communes);
        var cells = new XlsxCell[columns.Count];
        void Row(UnitSummary s, string? name)
        {
            var i = 0;
            cells[i++] = XlsxCell.Number(s.Year);
            cells[i++] = XlsxCell.Text(UnitSummary.LevelCode(s.Level));
            cells[i++] = XlsxCell.Text(s.UnitCode);
            cells[i++] = XlsxCell.Text(name);
            cells[i++] = XlsxCell.Text(s.ProvinceCode);
            cells[i++] = XlsxCell.Text(s.DistrictCode);
            cells[i++] = XlsxCell.Number(s.CommunesReported);
            cells[i++] = XlsxCell.Number(s.TotalHouseholds);
            cells[i++] = XlsxCell.Number(s.TotalPersons);
            foreach (var c in HouseholdClasses.All)
                cells[i++] = XlsxCell.Number(s.Tally.HouseholdsOf(c));
            foreach (var c in HouseholdClasses.All.Where(c => c != HouseholdClass.NotPoor))
                cells[i++] = s.RateOf(c) is { } rate ? XlsxCell.Number(rate) : XlsxCell.Empty;
            foreach (var c in HouseholdClasses.All)
                cells[i++] = XlsxCell.Number(s.Tally.PersonsOf(c));
            workbook.WriteRow(cells);
        }

        Row(province, _units.FindProvince(provinceCode, on)?.Name);
        foreach (var d in districts)
            Row(d, _units.FindDistrict(d.UnitCode, on)?.Name);
        foreach (var c in communes)
            Row(c, _units.FindCommune(c.UnitCode, on)?.Unit.Name);
        workbook.EndSheet("DonVi");
    }

    private void WriteDeprivations(XlsxStreamWriter workbook, int year, string provinceCode, IReadOnlyList<UnitSummary> communes)
    {
        // Long format (one row per unit, class and indicator) is what Power BI slices best.
        workbook.StartSheet("thieu_hut", [6, 7, 10, 12, 22, 40, 10], freezeHeaderRow: true);
        workbook.WriteHeaderRow(["nam", "cap", "ma_don_vi", "phan_loai", "chi_so", "ten_chi_so", "so_ho"]);
        var (province, districts) = SummaryStore.Aggregate(year, provinceCode, communes);
        foreach (var unit in districts.Prepend(province).Concat(communes))
        {
            foreach (var c in new[] { HouseholdClass.Poor, HouseholdClass.NearPoor })
            {
                foreach (var indicator in _indicators.All)
                {
                    workbook.WriteRow(
                        XlsxCell.Number(unit.Year), XlsxCell.Text(UnitSummary.LevelCode(unit.Level)), XlsxCell.Text(unit.UnitCode),
                        XlsxCell.Text(c.Code()), XlsxCell.Text(indicator.Key), XlsxCell.Text(indicator.Name),
                        XlsxCell.Number(unit.Tally.DeprivedAmong(c, indicator)));
                }
            }
        }

        workbook.EndSheet("ThieuHut");
    }
}
