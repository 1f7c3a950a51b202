using GiamNgheo.Pipeline.Households;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>The head of household's name is stored with the result and read only by the view that asks for it.</summary>
public sealed class HouseholdViewTests(PipelineUnderTest pipeline) : IClassFixture<PipelineUnderTest>
{
    [Fact]
    public async Task The_head_name_is_read_with_the_head_name_view_and_left_out_of_the_other()
    {
        var commune = PipelineUnderTest.CommuneOf("08", 0);
        var (key, _) = await pipeline.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 30, seed: 5));

        var named = await pipeline.Households.PageAsync(key, 100, null, null, HouseholdView.WithHeadName, CancellationToken.None);
        var anonymous = await pipeline.Households.PageAsync(key, 100, null, null, HouseholdView.WithoutHeadName, CancellationToken.None);
        var all = await pipeline.Households.AllAsync(key, HouseholdView.WithoutHeadName, CancellationToken.None).ToListAsync();

        Assert.Equal(30, named.Items.Count);
        Assert.All(named.Items, h => Assert.False(string.IsNullOrWhiteSpace(h.HeadName)));
        Assert.Equal(named.Items.Select(h => h with { HeadName = null, Deprivations = [] }), anonymous.Items.Select(h => h with { Deprivations = [] }));
        Assert.All(all, h => Assert.Null(h.HeadName));
    }
}
