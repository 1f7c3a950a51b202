using GiamNgheo.Access.Callers;
using GiamNgheo.Functions.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Functions.Tests.Access;

public sealed class RequestRateLimitsTests
{
    private static Caller Person(string id) => new(id, id, null, new HashSet<Role> { Role.CommuneOfficer }, ["00166"]);

    [Fact]
    public async Task The_upload_beyond_a_persons_limit_is_a_429_with_Retry_After_and_other_people_and_exports_are_unaffected()
    {
        using var limits = new RequestRateLimits(new RateLimitOptions(Uploads: 2, Exports: 1, Window: TimeSpan.FromMinutes(10)));
        Assert.Null(limits.TryAcquire(Person("a"), LimitedRequest.Upload));
        Assert.Null(limits.TryAcquire(Person("a"), LimitedRequest.Upload));
        var refused = limits.TryAcquire(Person("a"), LimitedRequest.Upload);
        Assert.NotNull(refused);
        Assert.Null(limits.TryAcquire(Person("b"), LimitedRequest.Upload));
        Assert.Null(limits.TryAcquire(Person("a"), LimitedRequest.Export));

        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await refused.ExecuteAsync(context);
        Assert.Equal(429, context.Response.StatusCode);
        Assert.True(int.Parse(context.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 600);
        context.Response.Body.Position = 0;
        Assert.Contains("qua-nhieu-yeu-cau", new StreamReader(context.Response.Body).ReadToEnd(), StringComparison.Ordinal);
    }
}
