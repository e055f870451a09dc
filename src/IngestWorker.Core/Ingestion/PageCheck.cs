using IngestWorker.Extraction;

namespace IngestWorker.Core.Ingestion;

/// <summary>
/// Tells a page that answered 200 but is no bulletin (a maintenance notice, an error page, a shell
/// whose text a script would fill in) from a bulletin, so it is reported and retried instead of
/// being stored as a bulletin with no figures.
/// </summary>
public static class PageCheck
{
    /// <summary>Main text longer than this (in characters) is a bulletin whatever words it contains.</summary>
    public const int ShortText = 800;

    // What publishers' maintenance and error pages say, in the languages read. Matched only in short
    // pages: a bulletin may well mention a "system maintenance" budget.
    private static readonly string[] Phrases =
    [
        "under maintenance", "scheduled maintenance", "system maintenance", "site maintenance", "maintenance in progress", "temporarily unavailable", "service unavailable", "under construction", "page not found",
        "404 not found", "access denied", "an error has occurred", "an error occurred", "try again later",
        "시스템 점검", "서비스 점검", "점검 중", "점검중", "점검으로", "점검 시간", "일시적으로 서비스", "페이지를 찾을 수 없", "오류가 발생", "접근이 제한", "존재하지 않는 페이지", "잘못된 접근",
    ];

    /// <summary>A page whose last version had at least this much main text (in characters)...</summary>
    public const int UsualText = 1000;

    /// <summary>...and now has less than this share of it is not the bulletin it was (an error page in the bulletin's frame).</summary>
    public const double ShrunkShare = 0.2;

    /// <summary>What is wrong with the page, for a warning that says what to check; null when it reads as a bulletin.</summary>
    /// <param name="previousLength">Characters of main text in the page's last stored version, when there is one.</param>
    public static string? Problem(BulletinMetadata metadata, int? previousLength = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.MainText is not { } text)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return "the page has no main text (an empty page, or one whose text a script fills in): check the URL in a browser";
        }

        if (text.Length <= ShortText && (PhraseIn(text) ?? PhraseIn(metadata.Title)) is { } phrase)
        {
            return $"the page looks like a maintenance or error page ('{phrase}' in {text.Length} characters of text): it is retried next run";
        }

        return previousLength >= UsualText && text.Length < previousLength * ShrunkShare
            ? $"the page's text is much smaller than its last version ({text.Length} of {previousLength} characters), as an error page in the site's frame would be: it is retried next run"
            : null;
    }

    /// <summary>The first maintenance or error phrase in <paramref name="text"/>, or null.</summary>
    public static string? PhraseIn(string? text) =>
        string.IsNullOrEmpty(text) ? null : Array.Find(Phrases, p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
}
