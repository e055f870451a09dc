using System.Net;
using System.Net.Sockets;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// Which addresses are private: this machine, its networks and their link-local services (cloud
/// metadata endpoints live there). Content on the web must never make the worker call them; only a
/// source's own configuration may name such a host (see <see cref="Reach"/>).
/// </summary>
public static class Targets
{
    /// <summary>A URL whose host is localhost or a private address literal (what can be judged without DNS).</summary>
    public static bool IsPrivate(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return IsLocalName(url.DnsSafeHost) || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IsPrivate(address));
    }

    /// <summary>
    /// Loopback, unspecified and "this network" (0/8), private (10/8, 172.16/12, 192.168/16), CGNAT
    /// (100.64/10), link-local (169.254/16, fe80::/10) and unique-local (fc00::/7) addresses, also in
    /// their IPv4-mapped and IPv4-compatible IPv6 forms.
    /// </summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address.GetAddressBytes() is [0 or 10 or 127, _, _, _]
                or [172, >= 16 and <= 31, _, _]
                or [192, 168, _, _]
                or [100, >= 64 and <= 127, _, _]
                or [169, 254, _, _];
        }

        var bytes = address.GetAddressBytes();
        return IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || (bytes[0] & 0xfe) == 0xfc
            // ::a.b.c.d, the deprecated IPv4-compatible form, reaches the IPv4 address on some stacks.
            || (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && IsPrivate(new IPAddress(bytes.AsSpan(12))));
    }

    internal static bool IsLocalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
