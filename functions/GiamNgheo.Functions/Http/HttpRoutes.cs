using GiamNgheo.Rules.Calendar;
using Microsoft.AspNetCore.Http;

namespace GiamNgheo.Functions.Http;

/// <summary>What every HTTP function shares: the review year of a route.</summary>
internal static class HttpRoutes
{
    /// <summary>The route's year, or a 404 problem when it cannot be a review year (so a year like 0 or 10000 never reaches a catalog).</summary>
    public static bool TryYear(int value, out ReviewYear year, out IResult problem)
    {
        problem = Results.Empty;
        if (ReviewYear.TryCreate(value, out year))
            return true;
        problem = Problems.NotFound($"Năm {value} không phải năm rà soát hợp lệ ({ReviewYear.First}–{ReviewYear.Last}).");
        return false;
    }
}
