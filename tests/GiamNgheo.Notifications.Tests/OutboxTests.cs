using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;

namespace GiamNgheo.Notifications.Tests;

/// <summary>The outbox on Azurite: one row per (Source, Key) whatever happens, keys tables refuse, large bodies.</summary>
public sealed class OutboxTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Now = new(2021, 6, 3, 1, 0, 0, TimeSpan.Zero);
    private readonly Outbox _outbox = new(storage.Storage, new FakeTimeProvider(Now));

    [Fact]
    public async Task A_second_enqueue_of_the_same_message_changes_nothing_and_says_it_existed()
    {
        var first = await _outbox.EnqueueAsync(Messages.Email("enqueue-twice", "6-thang|phong-y-te|nhac-truoc|7"), CancellationToken.None);
        var second = await _outbox.EnqueueAsync(
            Messages.Email("enqueue-twice", "6-thang|phong-y-te|nhac-truoc|7") with { Subject = "Khác", TextBody = "Nội dung khác" }, CancellationToken.None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(Messages.Subject, second.Entry.Subject);
        var stored = await _outbox.GetAsync("enqueue-twice", "6-thang|phong-y-te|nhac-truoc|7", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(Messages.Subject, stored.Subject);
        Assert.Equal(MessageStatus.Pending, stored.Status);
        Assert.Equal(0, stored.Attempts);
        Assert.Equal(Now, stored.EnqueuedAt);
        var message = await _outbox.ReadMessageAsync(stored, CancellationToken.None);
        Assert.Equal(Messages.Text, message!.TextBody);
        Assert.Single(await _outbox.ListAsync("enqueue-twice", CancellationToken.None));
    }

    [Fact]
    public async Task Regression_a_round_read_the_whole_years_outbox_a_key_prefix_reads_only_its_period()
    {
        foreach (var key in new[] { "6-thang|a|nhac-truoc|7", "6-thang|b|qua-han|1", "6-thangx|a|nhac-truoc|7", "nam|a|nhac-truoc|7", "6-thang" })
            await _outbox.EnqueueAsync(Messages.Email("prefix-range", key), CancellationToken.None);

        var period = await _outbox.ListAsync("prefix-range", "6-thang|", CancellationToken.None);

        Assert.Equal(["6-thang|a|nhac-truoc|7", "6-thang|b|qua-han|1"], period.Select(e => e.Key));
    }

    [Fact]
    public async Task Concurrent_enqueues_of_one_message_make_one_row_and_one_creator()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _outbox.EnqueueAsync(Messages.Email("enqueue-race", "nam|xa-13321|qua-han|1") with { TextBody = $"bản {i}" }, CancellationToken.None)));

        var winner = Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(winner.Entry.EnqueuedAt, r.Entry.EnqueuedAt));
        var stored = Assert.Single(await _outbox.ListAsync("enqueue-race", CancellationToken.None));
        // The row's content is the winner's, whichever blob the losers wrote.
        Assert.Equal(winner.Entry.ContentBlob, stored.ContentBlob);
        Assert.Equal((await _outbox.ReadMessageAsync(winner.Entry, CancellationToken.None))!.TextBody, (await _outbox.ReadMessageAsync(stored, CancellationToken.None))!.TextBody);
    }

    [Fact]
    public async Task The_row_keeps_what_a_reminder_listing_needs()
    {
        await _outbox.EnqueueAsync(Messages.Email("row-fields", "6-thang|phong-y-te|nhac-truoc|7"), CancellationToken.None);

        var entry = (await _outbox.GetAsync("row-fields", "6-thang|phong-y-te|nhac-truoc|7", CancellationToken.None))!;

        Assert.Equal(DeliveryChannel.Email, entry.Channel);
        Assert.Equal("nhac-truoc", entry.Kind);
        Assert.Equal("6-thang", entry.Labels["periodId"]);
        Assert.Equal("phong-y-te", entry.Labels["reporterId"]);
        Assert.Equal(new MessageRecipient("phong-y-te", "Phòng Y tế huyện Thanh Liêm", "phong-y-te@thanhliem.example"), entry.Recipient);
        Assert.Equal(new DateTimeOffset(2021, 6, 3, 1, 0, 0, TimeSpan.Zero), entry.DueAt);
        Assert.Null(entry.SentAt);
        Assert.Null(entry.LastError);
        Assert.Equal(Now, entry.NextAttemptAt);
        Assert.Matches("^gn-[0-9a-f]{32}$", entry.MessageId);
        Assert.Empty(entry.History);
    }

    [Theory]
    [InlineData("tinh/01", "ky/6-thang#nhac?truoc\\7")]
    [InlineData("100%", "a%2Fb")]
    [InlineData("kế-hoạch 'Tháp Mười'", "dòng\tmới\n")]
    public async Task Sources_and_keys_with_characters_tables_refuse_are_stored_and_read_back_as_given(string source, string key)
    {
        var result = await _outbox.EnqueueAsync(Messages.Email(source, key), CancellationToken.None);

        Assert.True(result.Created);
        var entry = await _outbox.GetAsync(source, key, CancellationToken.None);
        Assert.NotNull(entry);
        Assert.Equal(source, entry.Source);
        Assert.Equal(key, entry.Key);
        Assert.Equal(key, Assert.Single(await _outbox.ListAsync(source, CancellationToken.None)).Key);
        Assert.False((await _outbox.EnqueueAsync(Messages.Email(source, key), CancellationToken.None)).Created);
    }

    [Fact]
    public async Task Escaped_keys_never_collide_with_keys_that_look_escaped()
    {
        await _outbox.EnqueueAsync(Messages.Email("escape-collide", "a/b"), CancellationToken.None);
        var lookalike = await _outbox.EnqueueAsync(Messages.Email("escape-collide", "a%2Fb"), CancellationToken.None);

        Assert.True(lookalike.Created);
        Assert.Equal(["a%2Fb", "a/b"], (await _outbox.ListAsync("escape-collide", CancellationToken.None)).Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_listing_holds_every_message_of_its_source_and_none_of_another()
    {
        for (var i = 0; i < 5; i++)
            await _outbox.EnqueueAsync(Messages.Email("list-a", $"k{i}"), CancellationToken.None);
        await _outbox.EnqueueAsync(Messages.Email("list-b", "k0"), CancellationToken.None);

        var listed = await _outbox.ListAsync("list-a", CancellationToken.None);

        Assert.Equal(["k0", "k1", "k2", "k3", "k4"], listed.Select(e => e.Key));
        Assert.Empty(await _outbox.ListAsync("list-c", CancellationToken.None));
        Assert.Null(await _outbox.GetAsync("list-a", "k9", CancellationToken.None));
    }

    [Fact]
    public async Task Bodies_beyond_a_table_property_are_kept_whole_and_the_row_stays_small()
    {
        var html = "<table>" + string.Concat(Enumerable.Range(0, 4000).Select(i => $"<tr><td>Xã số {i}</td><td>chưa nộp báo cáo</td></tr>")) + "</table>";
        Assert.True(html.Length > 64 * 1024);

        await _outbox.EnqueueAsync(Messages.Email("large", "tong-hop") with { HtmlBody = html, TextBody = html }, CancellationToken.None);

        var entry = (await _outbox.GetAsync("large", "tong-hop", CancellationToken.None))!;
        var message = await _outbox.ReadMessageAsync(entry, CancellationToken.None);
        Assert.Equal(html, message!.HtmlBody);
        Assert.Equal(html, message.TextBody);
        var row = (await storage.Storage.Outbox.GetEntityAsync<TableEntity>("large", "tong-hop")).Value;
        Assert.True(row.Select(p => p.Value).OfType<string>().Sum(s => s.Length) < 4096);
    }

    [Fact]
    public async Task Enqueue_wakes_the_delivery_of_a_new_message_and_again_of_one_never_attempted()
    {
        await _outbox.EnqueueAsync(Messages.Email("wake", "k"), CancellationToken.None);
        Assert.Single(await storage.VisibleWakeUpsAsync("wake"));

        // A second enqueue while nothing was attempted heals a wake-up lost between the row and the queue message.
        await _outbox.EnqueueAsync(Messages.Email("wake", "k"), CancellationToken.None);
        Assert.Equal(2, (await storage.VisibleWakeUpsAsync("wake")).Count);
        Assert.All(await storage.VisibleWakeUpsAsync("wake"), r => Assert.Equal(new DeliveryRequest("wake", "k"), r));
    }

    [Fact]
    public async Task Wake_ups_are_base64_as_the_functions_host_reads_queue_messages()
    {
        // A peek sees at most 32 messages and the class's other tests leave theirs in the queue (tests of a class run one at a time).
        await storage.RawDeliveryQueue.ClearMessagesAsync();
        await _outbox.EnqueueAsync(Messages.Email("base64", "k"), CancellationToken.None);

        var raw = (await storage.RawDeliveryQueue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
        Assert.Contains(raw, body => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(body)) == new DeliveryRequest("base64", "k").ToJson());
    }

    [Theory]
    [InlineData("", "k")]
    [InlineData("s", "")]
    public async Task An_empty_source_or_key_is_refused_clearly(string source, string key)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _outbox.EnqueueAsync(Messages.Email(source, key), CancellationToken.None));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_too_long_for_a_table_is_refused_clearly()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _outbox.EnqueueAsync(Messages.Email("long", new string('/', 200)), CancellationToken.None));
        Assert.Contains("longer than 400 characters once escaped", error.Message, StringComparison.Ordinal);
    }
}
