using IngestWorker.Core.Fetching;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Sources;

/// <summary>
/// Bulletin files in a folder (the bundled samples, an archive to backfill). Never reads outside
/// the folder: symbolic links are skipped and every path is checked against the root.
/// </summary>
public sealed class FolderSource(IHostEnvironment environment, IOptions<FetchOptions> options) : IBulletinSource
{
    public const string UrlScheme = "folder:";
    private static readonly string[] DefaultPatterns = ["*.html", "*.htm", "*.txt"];

    public string Kind => "folder";

    public Task<IReadOnlyList<Candidate>> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var root = RootOf(source);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"the folder '{root}' of source '{source.Id}' does not exist");
        }

        var enumeration = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
            MatchCasing = MatchCasing.CaseInsensitive,
        };
        var patterns = source.Patterns.Count > 0 ? source.Patterns : [.. DefaultPatterns];
        IReadOnlyList<Candidate> candidates = [.. patterns
            .SelectMany(p => Directory.EnumerateFiles(root, p, enumeration))
            .Distinct(StringComparer.Ordinal)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .Select(relative => new Candidate(UrlScheme + relative, Path.GetFileNameWithoutExtension(relative)))];
        return Task.FromResult(candidates);
    }

    public async Task<FetchedDocument> FetchAsync(SourceDefinition source, Candidate candidate, StoredDocument? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(candidate);
        var root = RootOf(source);
        var path = Path.GetFullPath(Path.Combine(root, candidate.Url[UrlScheme.Length..]));
        if (!IsInside(root, path) || !IsInside(root, ResolveLinks(path)))
        {
            throw new FetchException($"'{candidate.Url}' is outside the folder of source '{source.Id}'");
        }

        var info = new FileInfo(path);
        if (info.Length > options.Value.MaxDocumentBytes)
        {
            throw new FetchException($"'{path}' is {info.Length} bytes, over the limit of {options.Value.MaxDocumentBytes} (Fetching:MaxDocumentBytes)");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var type = BulletinFile.ContentTypeOf(path);
        return new FetchedDocument(bytes, type, ETag: null, LastModified: null);
    }

    /// <summary>The folder as an absolute path: relative folders are read from the content root.</summary>
    public string RootOf(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(source.Folder ?? "", environment.ContentRootPath));
    }

    private static string ResolveLinks(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static bool IsInside(string root, string path) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
