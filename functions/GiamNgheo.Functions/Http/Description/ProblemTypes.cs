namespace GiamNgheo.Functions.Http.Description;

/// <summary>One problem type of the API: its stable code, HTTP status and Vietnamese title.</summary>
/// <param name="Code">The code after <see cref="Problems.TypePrefix"/>; it never changes meaning.</param>
/// <param name="Status">The HTTP status it is answered with.</param>
/// <param name="Title">Its Vietnamese title.</param>
public sealed record ProblemType(string Code, int Status, string Title)
{
    /// <summary>The <c>type</c> member of the problem body.</summary>
    public string Type => Problems.TypePrefix + Code;
}

/// <summary>Every problem the API answers with, for its description (ADR 0013). A test reads the sources and fails when a code is
/// answered somewhere but missing here.</summary>
public static class ProblemTypes
{
    /// <summary>The problems, by code.</summary>
    public static IReadOnlyList<ProblemType> All { get; } =
    [
        new("yeu-cau-khong-hop-le", 400, "Yêu cầu không hợp lệ"),
        new("nam-khong-ho-tro", 400, "Năm rà soát chưa được hỗ trợ"),
        new("tep-rong", 400, "Tệp rỗng"),
        new("thieu-tep", 400, "Thiếu tệp"),
        new("tai-len-khong-tron-ven", 400, "Dữ liệu tải lên không trọn vẹn"),
        new("sai-ma-ke-hoach", 400, "Sai mã kế hoạch"),
        new("chua-dang-nhap", 401, "Chưa đăng nhập"),
        new("ma-truy-cap-khong-hop-le", 401, "Mã truy cập không hợp lệ"),
        new("khong-co-quyen", 403, "Không có quyền"),
        new("khong-tim-thay", 404, "Không tìm thấy"),
        new("chua-co-ket-qua", 404, "Chưa có kết quả"),
        new("ma-xa-khong-ton-tai", 404, "Không tìm thấy xã"),
        new("ma-tinh-khong-ton-tai", 404, "Không tìm thấy đơn vị hành chính"),
        new("buoc-khong-ton-tai", 404, "Không có bước này"),
        new("chua-bat-dau-ra-soat", 404, "Tỉnh chưa bắt đầu kỳ rà soát"),
        new("gui-qua-cham", 408, "Gửi dữ liệu quá chậm"),
        new("xa-da-khoa", 409, "Xã đã khóa số liệu rà soát"),
        new("buoc-khong-hop-le", 409, "Bước rà soát không hợp lệ"),
        new("buoc-tu-dong", 409, "Bước khảo sát được ghi nhận tự động"),
        new("ke-hoach-da-ton-tai", 409, "Kế hoạch đã tồn tại"),
        new("khong-doi-don-vi-nam", 409, "Không thể đổi đơn vị hoặc năm"),
        new("sua-dong-thoi", 409, "Kế hoạch vừa được sửa"),
        new("tep-qua-lon", 413, "Tệp quá lớn"),
        new("yeu-cau-qua-lon", 413, "Yêu cầu quá lớn"),
        new("can-multipart", 415, "Sai kiểu dữ liệu tải lên"),
        new("tep-khong-phai-khao-sat", 422, "Tệp không phải phiếu rà soát"),
        new("sai-nam-ra-soat", 422, "Năm rà soát trong tệp không hợp lệ"),
        new("sai-ma-don-vi", 422, "Mã đơn vị hành chính trong tệp không hợp lệ"),
        new("thong-tin-chung-khong-hop-le", 422, "Thông tin chung của tệp không hợp lệ"),
        new("danh-sach-khong-hop-le", 422, "Tệp không hợp lệ"),
        new("ke-hoach-khong-hop-le", 422, "Kế hoạch không hợp lệ"),
        new("qua-nhieu-yeu-cau", 429, "Quá nhiều yêu cầu"),
        new("loi-he-thong", 500, "Lỗi hệ thống"),
        new("trich-xuat-that-bai", 500, "Không tạo được bản trích xuất"),
    ];

    private static readonly Dictionary<string, ProblemType> ByCode = All.ToDictionary(p => p.Code, StringComparer.Ordinal);

    /// <summary>The problem of a code; a code not listed is a fault of the description, reported at start-up.</summary>
    public static ProblemType Of(string code) =>
        ByCode.TryGetValue(code, out var problem) ? problem : throw new InvalidOperationException($"Problem code '{code}' is not listed in {nameof(ProblemTypes)}.");
}
