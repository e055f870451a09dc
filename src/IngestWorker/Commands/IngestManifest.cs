using System.Globalization;
using System.Text;
using IngestWorker.Core.Ingestion;

namespace IngestWorker.Commands;

/// <summary>
/// The file list of a backfill: CSV with a header naming the columns <c>file</c> and <c>url</c>
/// (required) and <c>published</c> (YYYY-MM-DD) and <c>language</c> (en|ko) (optional, may be
/// empty). Files are relative to the manifest's folder. Every line is checked before anything is
/// recorded, so a mistake on line 900 does not leave 899 documents behind it.
/// </summary>
internal sealed class IngestManifest
{
    private IngestManifest(List<Entry> entries) => Entries = entries;

    public sealed record Entry(string Path, string Url, DateOnly? Published, string? Language, DateTimeOffset? PublishedAt = null);

    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>The bulletins, read one at a time as recording reaches them.</summary>
    public IEnumerable<BulletinFile> Files() => Entries.Select(e => new BulletinFile(
        e.Url, File.ReadAllBytes(e.Path), BulletinFile.ContentTypeOf(e.Path), e.Published, e.Language, e.PublishedAt));

    /// <summary>Reads and checks the manifest; <paramref name="errors"/> names each bad line.</summary>
    public static IngestManifest? Read(string path, out List<string> errors)
    {
        errors = [];
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            errors.Add($"{path}: empty; the first line names the columns, e.g. file,url,published,language");
            return null;
        }

        var header = Fields(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string name) => header.IndexOf(name);
        var (file, url, published, language) = (Column("file"), Column("url"), Column("published"), Column("language"));
        if (file < 0 || url < 0)
        {
            errors.Add($"{path}:1: the header must name the columns 'file' and 'url' (and optionally 'published' and 'language'); it has: {lines[0]}");
            return null;
        }

        var entries = new List<Entry>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = Fields(lines[i]);
            string? Field(int column) => column >= 0 && column < fields.Count && fields[column].Trim() is { Length: > 0 } value ? value : null;
            var where = $"{path}:{i + 1}";
            var entry = new Entry(System.IO.Path.GetFullPath(Field(file) ?? "", folder), Field(url) ?? "", null, Field(language));
            if (Field(file) is null || !File.Exists(entry.Path))
            {
                errors.Add($"{where}: no such file '{Field(file)}'");
            }

            if (!Uri.TryCreate(entry.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{where}: url '{entry.Url}' is not an absolute http(s) URL");
            }

            if (Field(published) is { } date)
            {
                if (PublishedText.TryParse(date, out var day, out var instant))
                {
                    entry = entry with { Published = day, PublishedAt = instant };
                }
                else
                {
                    errors.Add($"{where}: published '{date}' is not {PublishedText.Form}");
                }
            }

            if (entry.Language is not (null or "en" or "ko"))
            {
                errors.Add($"{where}: language '{entry.Language}' is not en or ko");
            }

            entries.Add(entry);
        }

        return errors.Count == 0 ? new IngestManifest(entries) : null;
    }

    /// <summary>One CSV line's fields: commas separate, double quotes enclose, a doubled quote is a quote.</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
