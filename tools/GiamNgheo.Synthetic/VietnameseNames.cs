namespace GiamNgheo.Synthetic;

/// <summary>Vietnamese full names (family, middle, given) drawn with rough real-world frequencies.</summary>
internal static class VietnameseNames
{
    // Shares in percent, roughly as commonly cited for the Kinh majority; the tail adds variety at low weight.
    // Hoàng/Vũ are pronounced and written Huỳnh/Võ in the south, so the two spellings take the same shares.
    private static readonly WeightedChoice<string> NorthernFamilies = new(
    [
        ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5.1), ("Phan", 4.5), ("Vũ", 3.9), ("Đặng", 2.1),
        ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.5), ("Trương", 0.5),
        ("Đoàn", 0.4), ("Mai", 0.4), ("Lương", 0.4), ("Trịnh", 0.4), ("Cao", 0.3), ("Tạ", 0.3), ("Chu", 0.3), ("Lâm", 0.3),
    ]);

    private static readonly WeightedChoice<string> SouthernFamilies = new(
    [
        ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Huỳnh", 5.1), ("Phan", 4.5), ("Võ", 3.9), ("Đặng", 2.1),
        ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Trương", 0.6), ("Lâm", 0.5),
        ("Đoàn", 0.4), ("Mai", 0.4), ("Châu", 0.3), ("Thái", 0.3), ("Quách", 0.2), ("Tô", 0.2), ("La", 0.2), ("Cao", 0.3),
    ]);

    // Family names frequent among the Tày, Thái, Mường, H'Mông, Dao and Nùng of the northern uplands.
    private static readonly WeightedChoice<string> MinorityFamilies = new(
    [
        ("Lò", 6), ("Lường", 4), ("Quàng", 3), ("Cầm", 2), ("Giàng", 5), ("Sùng", 4), ("Vàng", 4), ("Thào", 3),
        ("Hà", 5), ("Đinh", 4), ("Triệu", 4), ("Nông", 5), ("Lục", 2), ("Ma", 2), ("Bàn", 3), ("Hoàng", 4), ("Lý", 3),
    ]);

    private static readonly WeightedChoice<string> MaleMiddle = new(
    [
        ("Văn", 40), ("Đức", 10), ("Minh", 10), ("Hữu", 8), ("Quốc", 6), ("Công", 6), ("Quang", 5), ("Thanh", 5),
        ("Xuân", 4), ("Ngọc", 3), ("Đình", 3), ("Trọng", 2),
    ]);

    private static readonly WeightedChoice<string> FemaleMiddle = new(
    [
        ("Thị", 55), ("Ngọc", 8), ("Thu", 6), ("Thanh", 6), ("Kim", 5), ("Hồng", 5), ("Minh", 4), ("Phương", 3), ("Mỹ", 3), ("Bích", 2),
    ]);

    private static readonly string[] MaleGiven =
    [
        "Hùng", "Dũng", "Nam", "Tuấn", "Minh", "Hải", "Long", "Phúc", "Quang", "Sơn", "Thắng", "Trung", "Việt", "Hoàng", "Khánh",
        "Bình", "An", "Cường", "Đạt", "Hiếu", "Huy", "Khoa", "Kiên", "Lâm", "Nghĩa", "Phong", "Tài", "Thành", "Toàn", "Vinh",
        "Duy", "Bảo", "Đông", "Tùng", "Hưng", "Lộc", "Tiến", "Thịnh",
    ];

    private static readonly string[] FemaleGiven =
    [
        "Lan", "Hoa", "Hương", "Mai", "Linh", "Trang", "Thảo", "Hằng", "Nga", "Phương", "Yến", "Nhung", "Hà", "Thủy", "Loan",
        "Huyền", "Ngân", "Vy", "Anh", "Chi", "Dung", "Giang", "Hạnh", "Hiền", "Liên", "Ly", "My", "Oanh", "Quyên", "Tâm",
        "Tuyết", "Vân", "Xuân", "Nhàn",
    ];

    public static string Family(Random random, bool minority, bool southern) =>
        (minority ? MinorityFamilies : southern ? SouthernFamilies : NorthernFamilies).Pick(random);

    public static string Full(Random random, string family, bool male) =>
        $"{family} {(male ? MaleMiddle : FemaleMiddle).Pick(random)} {(male ? MaleGiven : FemaleGiven)[random.Next(male ? MaleGiven.Length : FemaleGiven.Length)]}";
}

/// <summary>Picks items with fixed relative weights.</summary>
internal sealed class WeightedChoice<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedChoice(IReadOnlyList<(T Item, double Weight)> choices)
    {
        _items = new T[choices.Count];
        _cumulative = new double[choices.Count];
        var total = 0.0;
        for (var i = 0; i < choices.Count; i++)
        {
            _items[i] = choices[i].Item;
            _cumulative[i] = total += choices[i].Weight;
        }
    }

    public T Pick(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
        // BinarySearch returns the complement of the first larger element when the draw falls between bounds.
        return _items[Math.Min(index < 0 ? ~index : index + 1, _items.Length - 1)];
    }
}
