using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IngestWorker.Commands;

/// <summary>Rows printed as an aligned table, JSON (an array of objects) or CSV (RFC 4180).</summary>
internal static class Output
{
    public static readonly string[] Formats = ["table", "json", "csv"];

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A cell: text, a number or null.</summary>
    public static void Write(TextWriter writer, string format, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        switch (format)
        {
            case "json":
                WriteJson(writer, columns, rows);
                break;
            case "csv":
                writer.WriteLine(string.Join(',', columns.Select(Csv)));
                foreach (var row in rows)
                {
                    writer.WriteLine(string.Join(',', row.Select(c => Csv(Text(c)))));
                }

                break;
            default:
                WriteTable(writer, columns, rows);
                break;
        }
    }

    private static void WriteJson(TextWriter writer, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < columns.Count; i++)
                {
                    json.WritePropertyName(columns[i]);
                    switch (row[i])
                    {
                        case null: json.WriteNullValue(); break;
                        case decimal d: json.WriteNumberValue(Normalize(d)); break;
                        case int n: json.WriteNumberValue(n); break;
                        case long n: json.WriteNumberValue(n); break;
                        default: json.WriteStringValue(Text(row[i])); break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteTable(TextWriter writer, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        var cells = rows.Select(r => r.Select(Text).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Min(60, cells.Select(r => r[i].Length).Append(c.Length).Max())).ToArray();
        writer.WriteLine(Line(columns, widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            writer.WriteLine(Line(row, widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Take(widths.Length).Select((c, i) => (c.Length > widths[i] ? c[..(widths[i] - 1)] + "…" : c).PadRight(widths[i]))).TrimEnd();

    public static string Text(object? cell) => cell switch
    {
        null => "",
        decimal d => Normalize(d).ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    /// <summary>Drops trailing zeros a decimal may carry (61040000000.00 prints as 61040000000).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static string Csv(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
