using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Standards;
using Microsoft.AspNetCore.Http;

namespace GiamNgheo.Functions.Http;

/// <summary>What every HTTP function shares: the review year of a route.</summary>
internal static class HttpRoutes
{
    /// <summary>The route's year, or the 400 <c>nam-khong-ho-tro</c> problem when no poverty standard covers it (so a year
    /// like 0 or 10000 never reaches a catalog or a date constructor).</summary>
    public static bool TryYear(int value, StandardCatalog standards, out ReviewYear year, out IResult problem)
    {
        problem = Results.Empty;
        if (ReviewYear.TryCreate(value, out year) && standards.NationalFor(value) is not null)
            return true;
        problem = Problems.UnsupportedYear(value, standards);
        return false;
    }
}
