using System.CommandLine;
using System.Globalization;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Ingestion;
using IngestWorker.Extraction;

namespace IngestWorker.Commands;

/// <summary><c>extract FILE</c>: the contract's records of one bulletin, without touching the store.</summary>
internal static class ExtractCommand
{
    /// <summary>The contract's columns; a table leaves out the last, <c>evidence</c>.</summary>
    internal static readonly string[] Columns = ["reporter", "flow", "product", "partner", "period", "measure", "basis", "adjustment", "value", "unit", "evidence"];

    /// <summary>A record's cells in the order of <see cref="Columns"/>.</summary>
    internal static object?[] Row(FigureRecord r) =>
        [r.Reporter, r.Flow, r.Product, r.Partner, r.Period, r.Measure, r.Basis, r.Adjustment, r.Value, r.Unit, r.Evidence];

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A bulletin: an HTML page or a plain-text file." };
        var published = new Option<string?>("--published") { Description = "Publication date (YYYY-MM-DD) that periods resolve against; default: the date the bulletin states." };
        var language = new Option<string?>("--language") { Description = "Language of the bulletin (en or ko); default: detected." };
        language.AcceptOnlyFromAmong("en", "ko");
        var reporter = new Option<string?>("--reporter") { Description = "ISO alpha-2 economy to assume when the text names none, e.g. KR." };
        var format = new Option<string>("--format") { Description = "json (the contract's records) or table.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "table");
        var command = new Command("extract", "Print the figure records of one bulletin file.") { file, published, language, reporter, format };
        command.SetAction(result => Run(
            result.GetValue(file)!, result.GetValue(published), result.GetValue(language), result.GetValue(reporter), result.GetValue(format)!));
        return command;
    }

    private static int Run(FileInfo file, string? publishedText, string? language, string? reporter, string format)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"No such file: {file.FullName}");
            return 2;
        }

        DateOnly? published = null;
        if (publishedText is not null)
        {
            if (!DateOnly.TryParseExact(publishedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Console.Error.WriteLine($"--published '{publishedText}' is not a date in the form YYYY-MM-DD");
                return 2;
            }

            published = date;
        }

        var text = CharsetDecoder.Decode(File.ReadAllBytes(file.FullName), BulletinFile.ContentTypeOf(file.FullName));
        var metadata = FigureExtractor.ReadMetadata(text);
        published ??= metadata.Published;
        if (published is null)
        {
            Console.Error.WriteLine($"{file.Name} states no publication date; pass --published YYYY-MM-DD");
            return 2;
        }

        var records = new FigureExtractor().Extract(text, new BulletinContext(published.Value, language ?? metadata.Language, reporter?.ToUpperInvariant()));
        Output.Write(Console.Out, format, format == "json" ? Columns : Columns[..^1], records.Select(Row));
        return 0;
    }
}
