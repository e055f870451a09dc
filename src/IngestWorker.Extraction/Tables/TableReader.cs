using System.Text.RegularExpressions;
using IngestWorker.Extraction.Html;
using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Rules;

namespace IngestWorker.Extraction.Tables;

/// <summary>
/// Reads a data table in either orientation. Every value cell takes its key from the pieces that govern it: the row
/// label (and any other label cells of its row, such as a "surplus"/"deficit" column), the column header, the section
/// row above it ("BALANCE ON GOODS AND SERVICES" spanning the table) and the caption (or the line introducing the table).
/// The nearer piece wins; a flow or a period named by both the row and the column is ambiguous, and the cell is left out.
/// The money unit comes from the row, column, section or caption ("USD billion", "$m", "(단위: 억 달러)"); a cell with
/// no unit stated or implied is not a record.
/// </summary>
internal static partial class TableReader
{
    [GeneratedRegex(@"^(?<sign>[+\-−△▽▲▼])?\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\s\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?%?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex BareNumberRegex();

    [GeneratedRegex(@"\b(?:down|fell|fall|decreased?|declined?|lower|drop(?:ped)?|minus)\b|감소|하락", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex DownRegex();

    [GeneratedRegex(@"\b(?:up|rose|rise|increased?|higher|grew|plus)\b|증가|상승", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex UpRegex();

    [GeneratedRegex(@"\b(?:about|around|roughly|nearly|approximately|some|over|more\sthan|less\sthan|almost|estimated)\b|약|넘|이상|미만", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex HedgeRegex();

    [GeneratedRegex(@"\d", RegexOptions.CultureInvariant, 500)]
    private static partial Regex DigitRegex();

    private enum RowKind { Header, Section, Data, Other }

    public static void Read(TableGrid table, DocumentContext doc, List<Extracted> records)
    {
        var rows = table.Rows;
        if (rows.Count == 0)
        {
            return;
        }

        var width = rows.Max(r => r.Count);
        var kinds = Classify(rows, doc);
        var headerRows = new List<int>();
        var titles = new List<string>();
        for (var r = 0; r < rows.Count && kinds[r] != RowKind.Data; r++)
        {
            if (kinds[r] == RowKind.Header)
            {
                headerRows.Add(r);
            }
            else if (kinds[r] == RowKind.Section && headerRows.Count == 0)
            {
                titles.Add(rows[r][0]); // a title row spanning the table before its headers reads as caption
                kinds[r] = RowKind.Other;
            }
        }

        var caption = TableFacets.Read(table.Caption, doc, table.CaptionFromProse, caption: true);
        var title = titles.Count > 0 ? TableFacets.Read(string.Join(" ", titles), doc, caption: true) : TableFacets.None;
        var labelColumns = LabelColumns(rows, kinds, width);
        var captionPercent = headerRows.Count == 0 && table.Caption.Contains("change", StringComparison.OrdinalIgnoreCase)
            && !table.Caption.Contains("billion", StringComparison.OrdinalIgnoreCase);

        var columns = new TableFacets?[width];
        var headers = new string[width];
        for (var c = 0; c < width; c++)
        {
            headers[c] = string.Join(" ", headerRows.Select(r => c < rows[r].Count ? rows[r][c] : "").Where(h => h.Length > 0).Distinct()).Trim();
            columns[c] = labelColumns[c] ? null : TableFacets.Read(headers[c], doc);
        }

        var section = TableFacets.None;
        for (var r = 0; r < rows.Count; r++)
        {
            switch (kinds[r])
            {
                case RowKind.Section:
                    section = TableFacets.Read(rows[r][0], doc);
                    continue;
                case not RowKind.Data:
                    continue;
            }

            var row = rows[r];
            var labels = string.Join(" ", Enumerable.Range(0, Math.Min(row.Count, width)).Where(c => labelColumns[c] && row[c].Length > 0).Select(c => row[c]));
            var rowFacets = TableFacets.Read(labels, doc);
            for (var c = 0; c < row.Count && c < width; c++)
            {
                if (labelColumns[c] || columns[c] is not { } column || row[c].Length == 0)
                {
                    continue;
                }

                var pieces = new Pieces(rowFacets, column, section, title, caption, captionPercent);
                if (Cell(row[c], pieces, doc, Evidence(labels, headers[c], row[c])) is { } record)
                {
                    records.Add(record);
                }
            }
        }
    }

    private sealed record Pieces(TableFacets Row, TableFacets Column, TableFacets Section, TableFacets Title, TableFacets Caption, bool CaptionPercent);

    /// <summary>Header rows lead the table and hold no values; section rows repeat one label across the table (or leave the rest empty).</summary>
    private static RowKind[] Classify(List<List<string>> rows, DocumentContext doc)
    {
        var kinds = new RowKind[rows.Count];
        var seenData = false;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var data = HasDataCells(row, doc);
            var first = row.Count > 0 ? row[0] : "";
            var uniform = first.Length > 0 && row.Skip(1).All(c => c.Length == 0 || c == first) && !DigitRegex().IsMatch(first);
            kinds[r] = data ? RowKind.Data : uniform ? RowKind.Section : !seenData ? RowKind.Header : RowKind.Other;
            seenData |= data;
        }

        // A table of one label column and one value column has no section rows: a lone label there is a row without a value.
        return kinds;
    }

    /// <summary>Columns whose cells (below the headers) carry no digits: the row labels, and any "surplus"/"deficit" column beside them.</summary>
    private static bool[] LabelColumns(List<List<string>> rows, RowKind[] kinds, int width)
    {
        var label = new bool[width];
        label[0] = true;
        for (var c = 1; c < width; c++)
        {
            var any = false;
            var digits = false;
            for (var r = 0; r < rows.Count; r++)
            {
                if (kinds[r] != RowKind.Data || c >= rows[r].Count || rows[r][c].Length == 0)
                {
                    continue;
                }

                any = true;
                digits |= DigitRegex().IsMatch(rows[r][c]);
            }

            label[c] = any && !digits;
        }

        return label;
    }

    private static bool HasDataCells(List<string> row, DocumentContext doc)
    {
        for (var i = 1; i < row.Count; i++)
        {
            if (row[i].Length > 0 && DigitRegex().IsMatch(row[i]) && !IsPeriodLike(row[i], doc))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPeriodLike(string cell, DocumentContext doc) =>
        TablePeriods.Read(cell, false, doc.Published) is not null
        || Periods.Find(cell, cell.ToLowerInvariant(), new DateOnly(2000, 1, 1), null, "").Count > 0 || cell.Contains('월', StringComparison.Ordinal);

    /// <summary>The cell with the row and column it sits in ("Exports | Nov. 2025: 61.04"), which alone would not say what the number is.</summary>
    private static string Evidence(string label, string header, string cell)
    {
        var text = header.Length > 0 ? $"{label} | {header}: {cell}" : $"{label}: {cell}";
        return text.Length > 300 ? text[..300] : text;
    }

    private static Extracted? Cell(string text, Pieces p, DocumentContext doc, string evidence)
    {
        TableFacets[] governing = [p.Row, p.Column, p.Section];
        if (governing.Any(f => f.Blocked) || p.Caption.Blocked || p.Title.Blocked || HedgeRegex().IsMatch(text))
        {
            return null;
        }

        // Flow: the nearest piece that names one; the row and the column naming different flows is ambiguous.
        if (p.Row.Flow is { } rf && p.Column.Flow is { } cf && rf != cf)
        {
            return null;
        }

        var flowPiece = new[] { p.Row, p.Column, p.Section, p.Title, p.Caption }.FirstOrDefault(f => f.Flow is not null || f.FlowAmbiguous);
        if (flowPiece?.Flow is not { } flow)
        {
            return null; // no flow named, or exports and imports named together: whose figure it is cannot be told
        }

        var sign = p.Row.Sign != 0 ? p.Row.Sign : flowPiece.Sign;
        var product = p.Row.Product ?? p.Column.Product ?? p.Section.Product ?? p.Title.Product ?? "total";
        var partner = p.Row.Partner ?? p.Column.Partner ?? p.Section.Partner ?? p.Title.Partner ?? "world";
        var daily = governing.Any(f => f.Daily) || p.Title.Daily;

        // Period: the row or the column (not both), else the section, the caption, the bulletin's main period.
        if (p.Row.Period is { Period: not null } && p.Column.Period is { Period: not null })
        {
            return null;
        }

        if (governing.Any(f => f.Period is { Skip: true }))
        {
            return null;
        }

        var periodPiece = p.Row.Period?.Period is not null ? p.Row.Period : p.Column.Period?.Period is not null ? p.Column.Period
            : p.Section.Period?.Period is not null ? p.Section.Period : p.Title.Period?.Period is not null ? p.Title.Period
            : p.Caption.Period?.Period is not null ? p.Caption.Period : null;
        var period = periodPiece?.Period ?? doc.Main;

        var adjustment = p.Row.Adjustment ?? p.Column.Adjustment ?? p.Section.Adjustment ?? p.Title.Adjustment ?? p.Caption.Adjustment
            ?? (doc.Seasonal ? "seasonal" : "none");

        if (!ReadValue(text, p, doc, out var value, out var decimals, out var isPercent, out var unit))
        {
            return null;
        }

        // Words in the cell ("down 11.6 percent", "deficit of $3 billion") sign it.
        var lower = text.ToLowerInvariant();
        if (value > 0 && SafeRegex.IsMatch(DownRegex(), lower))
        {
            value = -value;
        }

        string measure;
        if (isPercent)
        {
            var change = periodPiece?.ChangeMeasure;
            var share = p.Column.Share || p.Row.Share;
            var previous = p.Column.PreviousPeriod || p.Row.PreviousPeriod || change == "mom_pct" || (change is null && adjustment == "seasonal" && period.Kind == PeriodKind.Month);
            measure = share ? (daily ? "" : "share_pct") : daily ? (previous ? "" : "daily_avg_yoy_pct") : previous ? "mom_pct" : "yoy_pct";
            if (measure.Length == 0)
            {
                return null;
            }

            unit = "%";
        }
        else
        {
            measure = daily ? "daily_avg_value" : "value";
            if (flow == "balance" && (sign < 0 || lower.Contains("deficit", StringComparison.Ordinal) || lower.Contains("적자", StringComparison.Ordinal)) && value > 0)
            {
                value = -value;
            }
        }

        var record = new FigureRecord(doc.Reporter, flow, product, partner, period.ToString(), measure, "actual", adjustment,
            Numbers.Normalize(value), unit, evidence);
        return new Extracted(record, decimals);
    }

    /// <summary>The number of a cell: an amount with its own unit, a percent, or a bare number in the unit of the pieces around it.</summary>
    private static bool ReadValue(string text, Pieces p, DocumentContext doc, out decimal value, out int decimals, out bool isPercent, out string unit)
    {
        value = 0;
        decimals = 0;
        isPercent = false;
        unit = "";
        var money = Money.Find(text);
        var percents = Percent.Find(text);
        if (money.Count == 1 && percents.Count == 0)
        {
            var m = money[0];
            (value, decimals, unit) = (m.Value, m.Decimals, BareDollar(text) && TableUnits.OwnDollar(doc.Reporter) is { } own ? own : m.Currency);
            return true;
        }

        if (money.Count > 0)
        {
            return false;
        }

        var columnPercent = p.Column.Percent || p.Row.Percent || (p.CaptionPercent && !p.Column.Unit.Scale.HasValue);
        if (percents.Count == 1)
        {
            var pc = percents[0];
            (value, decimals, isPercent) = (pc.Sign < 0 ? -pc.Value : pc.Value, Numbers.Decimals(pc.Value), true);
            return true;
        }

        if (percents.Count > 1)
        {
            return false;
        }

        var cell = text.Trim();
        var words = SafeRegex.IsMatch(DownRegex(), cell.ToLowerInvariant()) || SafeRegex.IsMatch(UpRegex(), cell.ToLowerInvariant());
        if (words)
        {
            cell = Regex.Replace(cell, @"[^\d.,\s+\-−△▽▲▼%]", "", RegexOptions.None, TimeSpan.FromMilliseconds(200)).Trim();
        }

        var n = SafeRegex.Match(BareNumberRegex(), cell);
        if (n is null || !Numbers.TryParse(n.Groups["num"].Value.Replace(" ", "", StringComparison.Ordinal), out var number))
        {
            return false;
        }

        var negative = n.Groups["sign"].Success && n.Groups["sign"].Value is not ("+" or "▲");
        decimals = Numbers.Decimals(number);
        if (columnPercent || cell.EndsWith('%'))
        {
            (value, isPercent) = (negative ? -number : number, true);
            return true;
        }

        // Money: scale and currency each from the nearest piece that states it; without both, the cell is not a record.
        TableFacets[] order = [p.Row, p.Column, p.Section, p.Title, p.Caption];
        var scale = order.Select(f => f.Unit.Scale).FirstOrDefault(s => s.HasValue);
        var currency = order.Select(f => f.Unit.Currency).FirstOrDefault(c => c is not null);
        if (scale is not { } multiplier || currency is null || !Numbers.TryMultiply(number, multiplier, out var scaled))
        {
            return false;
        }

        (value, unit) = (negative ? -scaled : scaled, currency);
        return true;
    }

    /// <summary>"$41.2 billion" with no country mark before the "$".</summary>
    private static bool BareDollar(string text)
    {
        var i = text.IndexOf('$', StringComparison.Ordinal);
        return i >= 0 && (i == 0 || !char.IsLetter(text[i - 1]));
    }
}
