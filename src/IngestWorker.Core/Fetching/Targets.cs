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
        if (url.IsLoopback || url.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(url.DnsSafeHost, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address)
            || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal
            || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes() is [169, 254, _, _]);
    }
}
