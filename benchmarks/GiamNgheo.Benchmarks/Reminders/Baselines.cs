using System.Diagnostics;
using Azure.Data.Tables;
using GiamNgheo.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace GiamNgheo.Benchmarks.Reminders;

/// <summary>The least the year's work could cost in the same run: one outbox row per message, the same mails through MailKit.</summary>
internal static class Baselines
{
    /// <summary>Inserts the outbox rows as they were first written (pending, no attempts) into a fresh table: one insert per
    /// message, grouped as the rounds enqueued them (rounds of one instant 4 at a time, each round's messages one by one).</summary>
    public static async Task<TimeSpan> InsertRowsAsync(TableServiceClient tables, IReadOnlyList<TableEntity> rows, IReadOnlyList<RoundRecord> rounds)
    {
        var table = tables.GetTableClient("baselineoutbox");
        await table.CreateIfNotExistsAsync();
        var pending = rows.OrderBy(r => r.GetDateTimeOffset("EnqueuedAt")).Select(AsEnqueued).ToList();
        var next = 0;
        var instants = rounds.Where(r => r.Enqueued > 0).GroupBy(r => r.At).Select(g => g.Select(r =>
        {
            var slice = pending.GetRange(next, (int)r.Enqueued);
            next += slice.Count;
            return slice;
        }).ToList()).ToList();

        var stopwatch = Stopwatch.StartNew();
        foreach (var instant in instants)
        {
            await Parallel.ForEachAsync(instant, new ParallelOptions { MaxDegreeOfParallelism = YearSimulation.ActivityConcurrency }, async (slice, token) =>
            {
                foreach (var row in slice)
                    await table.AddEntityAsync(row, token);
            });
        }

        return stopwatch.Elapsed;
    }

    /// <summary>Sends the mails again through MailKit, one connection per mail as <see cref="EmailChannel"/> does, in the
    /// year's delivery batches (up to 16 at once).</summary>
    public static async Task<TimeSpan> SendMailsAsync(int port, IReadOnlyList<MimeMessage> mails, IReadOnlyList<DeliveryBatch> deliveries)
    {
        var next = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (var delivery in deliveries)
        {
            foreach (var chunk in mails.Skip(next).Take(delivery.Messages).Chunk(YearSimulation.QueueBatchSize))
                await Task.WhenAll(chunk.Select(mail => SendAsync(port, mail)));
            next += delivery.Messages;
        }

        return stopwatch.Elapsed;
    }

    private static async Task SendAsync(int port, MimeMessage mail)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.SendAsync(mail);
        await client.DisconnectAsync(quit: true);
    }

    /// <summary>The row as <c>Outbox.EnqueueAsync</c> inserted it, before delivery added its attempt.</summary>
    private static TableEntity AsEnqueued(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row)
        {
            if (name is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey" or "SentAt" or "LastAttemptAt"))
                copy[name] = value;
        }

        copy["Status"] = MessageStatus.Pending.ToCode();
        copy["Attempts"] = 0;
        copy["History"] = "[]";
        copy["NextAttemptAt"] = row.GetDateTimeOffset("EnqueuedAt");
        return copy;
    }
}
