namespace IngestWorker.Extraction.Vocabulary;

/// <summary>The vocabulary's data files (Vocabulary/Data/*.tsv), embedded in the assembly: tab-separated lines, '#' comments.</summary>
internal static class DataFile
{
    /// <summary>The data lines of an embedded TSV file, each split into its fields; a malformed line is a build-time mistake, so it throws.</summary>
    public static IEnumerable<string[]> Rows(string file, int fields)
    {
        var assembly = typeof(DataFile).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length != fields)
            {
                throw new InvalidDataException($"{file}: expected {fields} tab-separated fields, got {f.Length}: {line}");
            }

            rows.Add(f);
        }

        return rows;
    }

    /// <summary>A field holding a |-separated list.</summary>
    public static string[] List(string field) => field.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
