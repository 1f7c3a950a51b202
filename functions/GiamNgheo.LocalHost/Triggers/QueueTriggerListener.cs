using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using GiamNgheo.LocalHost.Functions;

namespace GiamNgheo.LocalHost.Triggers;

/// <summary>
/// Queue trigger as the host runs it: up to <c>batchSize</c> messages in flight, each leased while the handler works and the
/// lease renewed, deleted on success, made visible again after <c>visibilityTimeout</c> on failure, and moved to
/// <c>&lt;queue&gt;-poison</c> once its dequeue count reaches <c>maxDequeueCount</c>.
/// </summary>
internal sealed class QueueTriggerListener : ITriggerListener, IDisposable
{
    // Short enough that a message held by a crashed process comes back within a minute; renewed at half-time while the handler works.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly FunctionDescriptor _function;
    private readonly HostSettings _settings;
    private readonly QueueClient _queue;
    private readonly QueueClient _poisonQueue;
    private readonly FunctionInvoker _invoker;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StorageOutageLog _outage;
    private readonly SemaphoreSlim _slots;
    private readonly List<Task> _inFlight = [];
    private bool _ready;

    /// <summary>Creates the listener for one queue trigger function.</summary>
    public QueueTriggerListener(
        FunctionDescriptor function,
        HostSettings settings,
        QueueServiceClient undecodedQueues,
        FunctionInvoker invoker,
        TimeSpan pollInterval,
        TimeProvider time,
        ILogger logger)
    {
        _function = function;
        _settings = settings;
        _queue = undecodedQueues.GetQueueClient(function.Source);
        _poisonQueue = undecodedQueues.GetQueueClient(LocalHostNames.PoisonQueue(function.Source));
        _invoker = invoker;
        _pollInterval = pollInterval;
        _time = time;
        _logger = logger;
        _outage = new StorageOutageLog(logger, function.Name);
        _slots = new SemaphoreSlim(settings.QueueBatchSize, settings.QueueBatchSize);
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var received = 0;
                try
                {
                    received = await ReceiveAsync(ct);
                    _outage.Succeeded();
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    _outage.Failed(e);
                }

                // A full batch means more may be waiting: ask again at once, as the host does.
                if (received == 0)
                    await Task.Delay(_pollInterval, _time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await DrainAsync();
        }
    }

    /// <summary>Releases the concurrency limiter.</summary>
    public void Dispose() => _slots.Dispose();

    private async Task<int> ReceiveAsync(CancellationToken ct)
    {
        if (!_ready)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: ct);
            _ready = true;
        }

        await _slots.WaitAsync(ct);
        var free = 1;
        while (free < _settings.QueueBatchSize && _slots.Wait(0, CancellationToken.None))
            free++;

        QueueMessage[] messages;
        try
        {
            messages = (await _queue.ReceiveMessagesAsync(Math.Min(free, 32), Lease, ct)).Value;
        }
        catch
        {
            _slots.Release(free);
            throw;
        }

        if (free > messages.Length)
            _slots.Release(free - messages.Length);

        lock (_inFlight)
        {
            _inFlight.RemoveAll(task => task.IsCompleted);
            foreach (var message in messages)
                _inFlight.Add(ProcessAndReleaseAsync(message, ct));
        }

        return messages.Length;
    }

    private async Task ProcessAndReleaseAsync(QueueMessage message, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await ProcessAsync(message, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Not deleted: the message becomes visible again when its lease runs out.
        }
        catch (Exception e)
        {
            _logger.MessageNotSettled(e, _function.Name, message.MessageId, e.Message);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken ct)
    {
        var payload = QueueMessageWire.Decode(message.Body, _settings.QueueMessagesBase64);
        if (payload is null)
        {
            _logger.MessageNotBase64(_function.Name, message.MessageId, _queue.Name, _poisonQueue.Name);
            await PoisonAsync(message, message.PopReceipt, ct);
            return;
        }

        using var lease = new LeaseRenewal(_queue, message, _time, ct);
        var succeeded = true;
        try
        {
            await _invoker.InvokeAsync(_function, Encoding.UTF8.GetString(payload), new Dictionary<string, string>(), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            succeeded = false;
            _logger.InvocationFailed(e, _function.Name, message.MessageId, e.Message);
        }

        var popReceipt = await lease.StopAsync();
        if (succeeded)
        {
            await _queue.DeleteMessageAsync(message.MessageId, popReceipt, ct);
        }
        else if (message.DequeueCount >= _settings.MaxDequeueCount)
        {
            _logger.MessagePoisoned(_function.Name, message.MessageId, message.DequeueCount, _poisonQueue.Name);
            await PoisonAsync(message, popReceipt, ct);
        }
        else
        {
            await _queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: ct);
        }
    }

    private async Task PoisonAsync(QueueMessage message, string popReceipt, CancellationToken ct)
    {
        await _poisonQueue.CreateIfNotExistsAsync(cancellationToken: ct);
        await _poisonQueue.SendMessageAsync(message.Body, cancellationToken: ct);
        await _queue.DeleteMessageAsync(message.MessageId, popReceipt, ct);
    }

    private async Task DrainAsync()
    {
        Task[] tasks;
        lock (_inFlight)
            tasks = [.. _inFlight];

        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Keeps a message invisible while the handler works; every renewal changes the pop receipt.</summary>
    private sealed class LeaseRenewal : IDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task<string> _renewal;

        public LeaseRenewal(QueueClient queue, QueueMessage message, TimeProvider time, CancellationToken ct)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _renewal = RenewAsync(queue, message, time, _stop.Token, ct);
        }

        /// <summary>Stops renewing and returns the current pop receipt.</summary>
        public async Task<string> StopAsync()
        {
            await _stop.CancelAsync();
            return await _renewal;
        }

        public void Dispose() => _stop.Dispose();

        // The renewal call itself only obeys the runner's token: cancelling it half-way could leave an unknown pop receipt.
        private static async Task<string> RenewAsync(QueueClient queue, QueueMessage message, TimeProvider time, CancellationToken stop, CancellationToken ct)
        {
            var popReceipt = message.PopReceipt;
            try
            {
                while (true)
                {
                    await Task.Delay(Lease / 2, time, stop);
                    popReceipt = (await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: Lease, cancellationToken: ct)).Value.PopReceipt;
                }
            }
            catch (OperationCanceledException)
            {
                return popReceipt;
            }
            catch (RequestFailedException)
            {
                // The lease is lost (e.g. the message was deleted elsewhere); the final delete or update reports it.
                return popReceipt;
            }
        }
    }
}
