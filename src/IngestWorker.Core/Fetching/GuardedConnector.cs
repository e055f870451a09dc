using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// The bulletin client's connect step: resolves the host, drops every private address unless the
/// request's <see cref="Reach"/> names the host, and connects to what is left. The URL checks cannot
/// see through DNS; this is where a public name pointing at a private address is stopped.
/// </summary>
/// <param name="resolve">How names are resolved: DNS, unless a test stands in for a DNS record it cannot create.</param>
public sealed class GuardedConnector(Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;

    // Hosts reached on a private address: a pooled connection to one of them skips the connect step,
    // so the fetcher refuses them to requests whose reach does not name them.
    private readonly ConcurrentDictionary<string, bool> _privatelyConnected = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a connection to <paramref name="host"/> went to a private address.</summary>
    public bool ConnectedPrivately(string host) => _privatelyConnected.ContainsKey(host.Trim('[', ']'));

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var reach = context.InitialRequestMessage.Options.TryGetValue(Reach.Key, out var named) ? named : Reach.PublicOnly;
        var resolved = await _resolve(host, cancellationToken);
        var addresses = reach.Names(host) ? resolved : Array.FindAll(resolved, a => !Targets.IsPrivate(a));
        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"{host} resolves to a private address ({string.Join(", ", resolved.Select(a => a.ToString()))}) the source's configuration does not name; not connected");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            if (socket.RemoteEndPoint is IPEndPoint remote && Targets.IsPrivate(remote.Address))
            {
                _privatelyConnected[host.Trim('[', ']')] = true;
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
