using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GiamNgheo.Rules.AdminUnits;

/// <summary>Items grouped by a string key into one contiguous array, keeping input order within each key.</summary>
/// <remarks>
/// One backing array plus (start, count) per key instead of a list per key: the catalogue has ~14,000 unit
/// versions and ~10,500 mapping rows, and per-key collections were the main allocation cost of loading.
/// </remarks>
internal sealed class GroupedIndex<T>
{
    private readonly T[] _items;
    private readonly Dictionary<string, (int Start, int Count)> _slices;

    private GroupedIndex(T[] items, Dictionary<string, (int Start, int Count)> slices)
    {
        _items = items;
        _slices = slices;
    }

    public ReadOnlySpan<T> this[string key] =>
        _slices.TryGetValue(key, out var slice) ? _items.AsSpan(slice.Start, slice.Count) : default;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static GroupedIndex<T> Build(IReadOnlyList<T> items, Func<T, string> keyOf)
    {
        // Counting sort by key: one pass to count, one to place. Stable, so callers that pass items
        // sorted by code get each group sorted by code too.
        var slices = new Dictionary<string, (int Start, int Count)>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
            CollectionsMarshal.GetValueRefOrAddDefault(slices, keyOf(items[i]), out _).Count++;

        var next = 0;
        foreach (var key in slices.Keys)
        {
            ref var slice = ref CollectionsMarshal.GetValueRefOrNullRef(slices, key);
            slice.Start = next;
            next += slice.Count;
            slice.Count = 0;
        }

        var sorted = new T[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            ref var slice = ref CollectionsMarshal.GetValueRefOrNullRef(slices, keyOf(items[i]));
            sorted[slice.Start + slice.Count++] = items[i];
        }

        return new GroupedIndex<T>(sorted, slices);
    }
}
