using GiamNgheo.Access.Callers;
using GiamNgheo.Access.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GiamNgheo.Access.Tests;

public sealed class AccessTokenValidatorTests : IDisposable
{
    private static readonly string[] AdminRole = ["admin"];
    private static readonly string[] OfficerAndUnknownRole = ["province-officer", "khong-co"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "giamngheo-access-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DevelopmentTokens Issuer(string name = "key") => DevelopmentTokens.Open(Path.Combine(_folder, name), TimeProvider.System);

    [Fact]
    public async Task A_development_token_gives_the_caller_its_roles_units_name_and_email()
    {
        var issuer = Issuer();
        var check = await new AccessTokenValidator(issuer.ValidationOptions).ValidateAsync(
            issuer.Issue([Role.CommuneOfficer, Role.Agency], ["00166", "01"], "Nguyễn Văn A", "a@example.vn"), default);
        var caller = check.Caller!;
        Assert.Equal(new HashSet<Role> { Role.CommuneOfficer, Role.Agency }, caller.Roles);
        Assert.Equal(["00166", "01"], caller.Units);
        Assert.Equal(("Nguyễn Văn A", "a@example.vn"), (caller.Name, caller.Email));
    }

    [Fact]
    public async Task The_key_file_is_created_once_and_reused()
    {
        var token = Issuer().Issue([Role.Admin], []);
        Assert.NotNull((await new AccessTokenValidator(Issuer().ValidationOptions).ValidateAsync(token, default)).Caller);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused_with_a_Vietnamese_reason()
    {
        var check = await new AccessTokenValidator(Issuer("a").ValidationOptions).ValidateAsync(Issuer("b").Issue([Role.Admin], []), default);
        Assert.Null(check.Caller);
        Assert.Equal("Chữ ký của mã truy cập không hợp lệ.", check.Failure);
    }

    [Fact]
    public async Task An_expired_token_and_a_token_for_another_audience_are_refused()
    {
        var issuer = Issuer();
        var validator = new AccessTokenValidator(issuer.ValidationOptions);
        var key = issuer.ValidationOptions.SigningKeys[0];
        string Make(string audience, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevelopmentTokens.Issuer,
            Audience = audience,
            NotBefore = expires.AddHours(-2),
            IssuedAt = expires.AddHours(-2),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = "x", ["roles"] = AdminRole },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

        Assert.Contains("hết hạn", (await validator.ValidateAsync(Make(DevelopmentTokens.Audience, DateTime.UtcNow.AddHours(-1)), default)).Failure);
        Assert.Equal("Mã truy cập không dành cho hệ thống này.", (await validator.ValidateAsync(Make("api://khac", DateTime.UtcNow.AddHours(1)), default)).Failure);
        Assert.Equal("Mã truy cập không đúng định dạng JWT.", (await validator.ValidateAsync("khong-phai-jwt", default)).Failure);
    }

    [Fact]
    public async Task Units_in_one_joined_string_as_a_directory_attribute_sends_them_are_read_and_malformed_codes_dropped()
    {
        var issuer = Issuer();
        var options = issuer.ValidationOptions with { UnitsClaim = "extn.giamngheoUnits" };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevelopmentTokens.Issuer,
            Audience = DevelopmentTokens.Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["oid"] = "o", ["roles"] = OfficerAndUnknownRole, ["extn.giamngheoUnits"] = "01, 04 x1 271" },
            SigningCredentials = new SigningCredentials(options.SigningKeys[0], SecurityAlgorithms.HmacSha256),
        });
        var caller = (await new AccessTokenValidator(options).ValidateAsync(token, default)).Caller!;
        Assert.Equal(["01", "04", "271"], caller.Units);
        Assert.Equal(new HashSet<Role> { Role.ProvinceOfficer }, caller.Roles);
    }
}
