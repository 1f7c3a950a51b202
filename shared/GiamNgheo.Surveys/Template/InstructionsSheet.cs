using ClosedXML.Excel;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Surveys.Template;

/// <summary>Writes the <c>huong_dan</c> sheet: the standard of the year, how to fill in, and every column explained.</summary>
internal static class InstructionsSheet
{
    // Sheet, header, key, required, allowed values, help: the help column is the widest because it holds definitions.
    private static readonly double[] Widths = [12, 34, 24, 10, 36, 80];
    private static readonly XLColor WarningColor = XLColor.FromHtml("#C00000");

    public static void Write(IXLWorksheet sheet, int year, PovertyStandard standard, StandardCatalog standards, IReadOnlyList<SurveySheet> sheets)
    {
        for (var i = 0; i < Widths.Length; i++)
            sheet.Column(i + 1).Width = Widths[i];

        var lines = new Lines(sheet);
        var title = lines.Paragraph($"Mẫu phiếu rà soát hộ nghèo, hộ cận nghèo năm {year}");
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;
        sheet.Row(title.FirstRow().RowNumber()).Height = 2 * TemplateLayout.PointsPerLine;

        lines.Heading("1. Chuẩn nghèo áp dụng");
        foreach (var text in StandardLines(year, standard, standards))
            lines.Paragraph(text);
        if (standard.IndicatorsProvisional)
        {
            var warning = lines.Paragraph(
                $"LƯU Ý: danh sách chỉ số thiếu hụt của năm {year} là TẠM THỜI, chưa đối chiếu được với văn bản chính thức và có thể thay đổi. " +
                "Khi có hướng dẫn chính thức, hãy tải lại mẫu trước khi nhập liệu.");
            warning.Style.Font.Bold = true;
            warning.Style.Font.FontColor = WarningColor;
        }

        lines.Paragraph("Độ tin cậy của nguồn: C1 văn bản pháp luật gốc; C2 nguồn chính thức thứ cấp hoặc báo chí; TP tài liệu bên thứ ba; UNCONFIRMED chưa xác nhận.");

        lines.Heading("2. Cách điền");
        var steps = Steps(year, standard, sheets);
        for (var i = 0; i < steps.Count; i++)
            lines.Paragraph($"{i + 1}. {steps[i]}");

        lines.Heading("3. Danh sách cột");
        lines.TableRow(["Sheet", "Tiêu đề cột", "Mã cột", "Bắt buộc", "Giá trị cho phép", "Hướng dẫn"], header: true);
        foreach (var survey in sheets)
        {
            foreach (var column in survey.Columns)
            {
                lines.TableRow([survey.Name, TemplateLayout.HeaderText(column), column.Key, column.Required ? "Có" : "Không",
                    AllowedValues(column, year), column.Help], header: false);
            }
        }
    }

    private static IEnumerable<string> StandardLines(int year, PovertyStandard standard, StandardCatalog standards)
    {
        yield return $"Chuẩn áp dụng cho năm {year}: {standard.Name} (mã {standard.Id}).";

        var income = standard.IncomeLine.Value;
        yield return $"Chuẩn thu nhập (đồng/người/tháng): nông thôn từ {TemplateText.Number(income.Rural)} trở xuống; " +
            $"thành thị từ {TemplateText.Number(income.Urban)} trở xuống. {Source(standard.IncomeLine.Provenance)}";

        yield return standard.B1Threshold is { } b1
            ? $"Ngưỡng điểm B1 (điểm A): nông thôn từ {TemplateText.Number(b1.Value.Rural)} điểm trở xuống; thành thị từ {TemplateText.Number(b1.Value.Urban)} điểm trở xuống. " +
              $"Hộ có điểm B1 được xét theo điểm B1 thay cho thu nhập. {Source(b1.Provenance)}"
            : "Chuẩn này không quy định ngưỡng điểm B1: mọi hộ cần khai thu nhập bình quân.";

        yield return standard.MiddleLiving is { } middle
            ? $"Hộ làm nông, lâm, ngư, diêm nghiệp có mức sống trung bình (đồng/người/tháng): nông thôn trên {TemplateText.Number(middle.Value.Rural.Above)} " +
              $"đến {TemplateText.Number(middle.Value.Rural.UpTo)}; thành thị trên {TemplateText.Number(middle.Value.Urban.Above)} đến {TemplateText.Number(middle.Value.Urban.UpTo)}. {Source(middle.Provenance)}"
            : "Chuẩn này chưa quy định mức sống trung bình.";

        var cutoff = standard.DeprivationCutoff;
        yield return $"Hộ có thu nhập (hoặc điểm B1) từ chuẩn trở xuống là hộ nghèo nếu thiếu hụt từ {cutoff.Value} chỉ số trở lên, " +
            $"là hộ cận nghèo nếu thiếu hụt dưới {cutoff.Value} chỉ số. {Source(cutoff.Provenance)}";

        yield return $"Các chỉ số thiếu hụt ({standard.Indicators.Count}): {string.Join("; ", standard.Indicators.Select(i => i.Name))}. {Source(standard.IndicatorsProvenance)}";

        // Officers of a province with its own standard should know their households are also classified under it.
        foreach (var local in standards.All.Where(s => !s.IsNational && s.AppliesTo(year)))
            yield return $"Tỉnh có mã {local.ProvinceCode} có chuẩn nghèo riêng: {local.Name} (mã {local.Id}); hộ của tỉnh này được xếp loại thêm theo chuẩn đó.";
    }

    private static List<string> Steps(int year, PovertyStandard standard, IReadOnlyList<SurveySheet> sheets)
    {
        var digitColumns = sheets.SelectMany(s => s.Columns).Where(c => c.Kind == ColumnKind.Digits).Select(c => c.Label);
        var derivable = standard.Derivations.Select(d => d.Indicator.Name).Distinct().ToList();
        return
        [
            $"Sheet {SurveySchema.InfoSheet}: điền đúng một dòng (dòng 2). Năm rà soát đã điền sẵn {year}; kỳ rà soát đã điền sẵn dinh_ky " +
            "(đổi thành thuong_xuyen nếu là rà soát thường xuyên). Mã tỉnh, mã xã theo danh mục hành chính; tổng số hộ và tổng số nhân khẩu là của cả xã, không chỉ các hộ được rà soát.",
            $"Sheet {SurveySchema.HouseholdSheet}: mỗi hộ được rà soát một dòng, bắt đầu từ dòng 2; mã hộ không được trùng. " +
            (standard.B1Threshold is null ? "Mỗi hộ cần có thu nhập bình quân (đồng/người/tháng)." : "Mỗi hộ cần có thu nhập bình quân (đồng/người/tháng) hoặc điểm B1."),
            $"Sheet {SurveySchema.MemberSheet} không bắt buộc: mỗi thành viên một dòng, ghi đúng mã hộ như ở sheet {SurveySchema.HouseholdSheet}. " +
            "Có sheet này, hệ thống suy ra được nhiều chỉ số hơn khi ô chỉ số để trống" +
            (derivable.Count == 0 ? "." : $"; các chỉ số có thể suy ra năm {year} (từ sheet {SurveySchema.MemberSheet} hoặc các cột của hộ): {string.Join("; ", derivable)}."),
            "Các cột 0/1 (chỉ số thiếu hụt tt_… và các cột có/không): 1 = có, 0 = không, để trống = chưa rõ. " +
            "Chỉ số để trống được hệ thống suy ra nếu đủ dữ liệu, nếu không thì tính là không thiếu hụt.",
            $"Cột có dấu * và nền màu cam là bắt buộc. Các cột {string.Join(", ", digitColumns)} là ô dạng Văn bản: nhập đủ số 0 ở đầu (ví dụ 01, 00004).",
            $"Lưu tệp dạng Excel (.xlsx). Không đổi tên các sheet {string.Join(", ", sheets.Select(s => s.Name))}; không sửa phần mã trong ngoặc ở dòng tiêu đề " +
            $"(ví dụ (ma_ho)), vì hệ thống nhận cột theo mã này. Sheet {TemplateLayout.InstructionsSheet} chỉ để đọc, hệ thống bỏ qua sheet này.",
        ];
    }

    private static string AllowedValues(SurveyColumn column, int year)
    {
        switch (column.Kind)
        {
            case ColumnKind.Code:
                return string.Join("\n", (column.Codes ?? []).Select(c => $"{c.Code}: {c.Label}"));
            case ColumnKind.Flag:
                return "1: có\n0: không\nđể trống: chưa rõ";
            case ColumnKind.Digits:
                return $"Đúng {column.DigitCount} chữ số (ô dạng Văn bản)";
            case ColumnKind.WholeNumber:
                var (min, max) = TemplateLayout.WholeNumberRange(column, year);
                return DataSheetWriter.WholeNumberMessage(min, max, year);
            case ColumnKind.Number:
                return "Số không âm";
            case ColumnKind.Money:
                return "Số tiền (đồng) không âm";
            default:
                return "Văn bản";
        }
    }

    private static string Source(Provenance provenance) => $"(Nguồn: {provenance.Source}; độ tin cậy {provenance.Tag}.)";

    /// <summary>Appends rows to the sheet, keeping long merged paragraphs readable.</summary>
    private sealed class Lines(IXLWorksheet sheet)
    {
        private int _row = 1;

        public IXLRange Paragraph(string text)
        {
            var range = sheet.Range(_row, 1, _row, Widths.Length).Merge();
            range.FirstCell().SetValue(text);
            range.Style.Alignment.WrapText = true;
            range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            // Excel does not grow merged rows to fit wrapped text, and ClosedXML cannot measure text on Linux: estimate.
            sheet.Row(_row).Height = TemplateLayout.EstimatedLines(text, Widths.Sum()) * TemplateLayout.PointsPerLine;
            _row++;
            return range;
        }

        public void Heading(string text)
        {
            _row++;
            var range = Paragraph(text);
            range.Style.Font.Bold = true;
            range.Style.Font.FontSize = 12;
        }

        public void TableRow(IReadOnlyList<string> cells, bool header)
        {
            var lines = 1;
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = sheet.Cell(_row, i + 1);
                cell.SetValue(cells[i]);
                cell.Style.Alignment.WrapText = true;
                cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                cell.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
                if (header)
                {
                    cell.Style.Font.Bold = true;
                    cell.Style.Fill.BackgroundColor = TemplateLayout.HeaderFill;
                }

                lines = Math.Max(lines, TemplateLayout.EstimatedLines(cells[i], Widths[i]));
            }

            sheet.Row(_row).Height = lines * TemplateLayout.PointsPerLine;
            _row++;
        }

    }
}
