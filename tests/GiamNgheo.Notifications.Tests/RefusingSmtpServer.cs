using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GiamNgheo.Notifications.Tests;

/// <summary>A minimal SMTP server that accepts the session and answers every RCPT TO with a given reply (netDumbster accepts
/// everything), for the channel's handling of refusals.</summary>
internal sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private RefusingSmtpServer(TcpListener listener, string rcptReply)
    {
        _listener = listener;
        _loop = Task.Run(() => AcceptAsync(rcptReply));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static Task<RefusingSmtpServer> StartAsync(string rcptReply)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return Task.FromResult(new RefusingSmtpServer(listener, rcptReply));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(string rcptReply)
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 refusing.example ESMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var command = line.Split(' ', 2)[0].ToUpperInvariant();
                var reply = command switch
                {
                    "EHLO" => "250 refusing.example",
                    "HELO" => "250 refusing.example",
                    "MAIL" => "250 2.1.0 Ok",
                    "RCPT" => rcptReply,
                    "RSET" => "250 2.0.0 Ok",
                    "NOOP" => "250 2.0.0 Ok",
                    "QUIT" => "221 2.0.0 Bye",
                    _ => "502 5.5.2 Command not recognized",
                };
                await writer.WriteLineAsync(reply);
                if (command == "QUIT")
                    break;
            }
        }
    }
}
