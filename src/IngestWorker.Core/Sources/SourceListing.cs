namespace IngestWorker.Core.Sources;

/// <summary>What discovery makes of a link a listing or feed gives.</summary>
public enum LinkVerdict
{
    /// <summary>Followed: allowed, and the source's keywords and pattern select it.</summary>
    Selected,

    /// <summary>Never followed: not http(s), a private address, an attachment, or another host (the reason says which).</summary>
    Refused,

    /// <summary>Allowed but left out by <see cref="SourceDefinition.Keywords"/> or <see cref="SourceDefinition.LinkPattern"/> (the reason names it).</summary>
    NotSelected,
}

/// <summary>A link of a listing or feed and its verdict.</summary>
/// <param name="Reason">Why it is refused, or the setting that leaves it out; null when selected.</param>
public sealed record ListedLink(Candidate Candidate, LinkVerdict Verdict, string? Reason = null);

/// <summary>A listing or feed read once (<see cref="HttpSource.ListAsync"/>).</summary>
/// <param name="Url">The listing's or feed's address (a <c>page</c> source's own).</param>
/// <param name="Pages">How many pages were read: 1 for a feed, 0 for a <c>page</c> source (nothing is asked for).</param>
/// <param name="Links">Every distinct link found, in the listing's order.</param>
public sealed record SourceListing(Uri Url, int Pages, IReadOnlyList<ListedLink> Links)
{
    /// <summary>The links discovery follows, in the listing's order.</summary>
    public IReadOnlyList<Candidate> Selected => [.. Links.Where(l => l.Verdict == LinkVerdict.Selected).Select(l => l.Candidate)];
}
