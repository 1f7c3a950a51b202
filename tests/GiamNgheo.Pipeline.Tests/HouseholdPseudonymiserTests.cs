using GiamNgheo.Pipeline.Privacy;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>Household pseudonyms: stable for a household under one key, different under another, and saying nothing of the code.</summary>
public sealed class HouseholdPseudonymiserTests
{
    private static readonly PseudonymKey Key = PseudonymKey.FromBase64(Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    [Fact]
    public void The_same_household_gets_the_same_pseudonym_from_separate_instances_of_the_same_key()
    {
        var again = PseudonymKey.FromBase64(Key.ToBase64());

        Assert.Equal(new HouseholdPseudonymiser(Key).Pseudonymise("00004", "H001"), new HouseholdPseudonymiser(again).Pseudonymise("00004", "H001"));
    }

    [Fact]
    public void The_pseudonym_is_the_hmac_sha256_of_the_commune_and_household_codes_truncated_to_128_bits()
    {
        // Pinned: a change of the identity or the encoding would silently break following households across years.
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String(Key.ToBase64()), "giamngheo-ho-v1\u001F00004\u001FH001"u8.ToArray()))[..32];

        Assert.Equal(expected, new HouseholdPseudonymiser(Key).Pseudonymise("00004", "H001"));
        Assert.Equal(HouseholdPseudonymiser.Length, expected.Length);
    }

    [Fact]
    public void Each_household_of_a_run_gets_the_pseudonym_it_would_get_alone()
    {
        // The keyed HMAC is kept between calls; a state left over from the previous household would change the next one.
        var pseudonymiser = new HouseholdPseudonymiser(Key);
        var longCode = new string('Ộ', 200);
        string[] codes = ["H001", "H002", longCode, "H001"];

        var inRun = codes.Select(c => pseudonymiser.Pseudonymise("00004", c)).ToArray();

        Assert.Equal(codes.Select(c => new HouseholdPseudonymiser(Key).Pseudonymise("00004", c)), inRun);
        Assert.Equal(OneShot("00004", longCode), inRun[2]);
    }

    [Fact]
    public void Households_pseudonymised_on_several_threads_at_once_get_their_own_pseudonyms()
    {
        var pseudonymiser = new HouseholdPseudonymiser(Key);
        var codes = Enumerable.Range(0, 2_000).Select(i => $"H{i:00000}").ToArray();

        var results = new string[codes.Length];
        Parallel.For(0, codes.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = pseudonymiser.Pseudonymise("00004", codes[i]));

        Assert.Equal(codes.Select(c => OneShot("00004", c)), results);
    }

    [Fact]
    public void Another_key_gives_other_pseudonyms()
    {
        var a = new HouseholdPseudonymiser(Key);
        var b = new HouseholdPseudonymiser(PseudonymKey.Generate());

        Assert.NotEqual(a.Pseudonymise("00004", "H001"), b.Pseudonymise("00004", "H001"));
        Assert.NotEqual(a.KeyId, b.KeyId);
    }

    [Fact]
    public void The_same_household_code_in_another_commune_is_another_household()
    {
        var pseudonymiser = new HouseholdPseudonymiser(Key);

        Assert.NotEqual(pseudonymiser.Pseudonymise("00004", "H001"), pseudonymiser.Pseudonymise("00007", "H001"));
    }

    [Fact]
    public void A_household_code_in_decomposed_unicode_gets_the_pseudonym_of_its_composed_form()
    {
        var pseudonymiser = new HouseholdPseudonymiser(Key);

        Assert.Equal(pseudonymiser.Pseudonymise("00004", "HỘ-01"), pseudonymiser.Pseudonymise("00004", "HỘ-01".Normalize(System.Text.NormalizationForm.FormD)));
    }

    [Fact]
    public void A_pseudonym_is_lowercase_hex_and_does_not_contain_the_codes()
    {
        var pseudonym = new HouseholdPseudonymiser(Key).Pseudonymise("00004", "123456");

        Assert.Matches("^[0-9a-f]{32}$", pseudonym);
        Assert.DoesNotContain("123456", pseudonym, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_key_that_is_not_base64_or_shorter_than_32_bytes_is_refused_without_being_quoted(string text)
    {
        var error = Assert.Throws<FormatException>(() => PseudonymKey.FromBase64(text));

        Assert.DoesNotContain(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_id_is_stable_and_not_the_key()
    {
        Assert.Equal(Key.Id, PseudonymKey.FromBase64(Key.ToBase64()).Id);
        Assert.DoesNotContain(Key.Id, Convert.ToHexStringLower(Convert.FromBase64String(Key.ToBase64())), StringComparison.Ordinal);
        Assert.DoesNotContain(Key.ToBase64(), Key.ToString(), StringComparison.Ordinal);
    }

    private static string OneShot(string commune, string household) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String(Key.ToBase64()), System.Text.Encoding.UTF8.GetBytes($"giamngheo-ho-v1\u001F{commune}\u001F{household}")))[..32];
}
