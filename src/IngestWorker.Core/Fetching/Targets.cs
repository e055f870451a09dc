using System.Net;
using System.Net.Sockets;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// Where fetched content may send the worker. A page on the web must not make it call this
/// machine or its network's link-local services (cloud metadata endpoints live there).
/// </summary>
public static class Targets
{
    /// <summary>localhost, loopback and link-local addresses, written as names or literals.</summary>
    public static bool IsLocal(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return IsLocalName(url.DnsSafeHost) || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IsLocal(address));
    }

    public static bool IsLocal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address)
            || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal
            || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes() is [169, 254, _, _]);
    }

    /// <summary>
    /// The addresses a connection to <paramref name="host"/> may use. A name other than localhost
    /// that resolves to a local address is not connected to: the URL checks cannot see through DNS,
    /// so this is where a page, a redirect or a DNS record pointing a public name at this machine is stopped.
    /// Literals and localhost are left to the URL checks, which allow them only for local sources.
    /// </summary>
    public static IPAddress[] Connectable(string host, IPAddress[] resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return IPAddress.TryParse(host, out _) || IsLocalName(host) ? resolved : Array.FindAll(resolved, a => !IsLocal(a));
    }

    /// <summary>The handler's connect step with <see cref="Connectable"/> between resolving and connecting.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = Connectable(host, await Dns.GetHostAddressesAsync(host, cancellationToken));
        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"{host} resolves to a local address; not connected");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsLocalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
