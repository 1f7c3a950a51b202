using System.Net;
using System.Net.Sockets;

namespace GiamNgheo.Testing;

/// <summary>Ports on 127.0.0.1 for servers that need one named up front (the Durable test host's gRPC sidecar guesses at random).</summary>
public static class LoopbackPorts
{
    /// <summary>A port nobody listens on now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
