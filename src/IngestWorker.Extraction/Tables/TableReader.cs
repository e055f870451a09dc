using System.Text.RegularExpressions;
using IngestWorker.Extraction.Html;
using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Rules;
using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Tables;

/// <summary>
/// Reads a data table: the unit and period come from the caption and column headers ("USD billion",
/// "Change (%)", "Mar-22"), the subject from the row label ("Exports", "Deficit", "Semiconductors").
/// </summary>
internal static partial class TableReader
{
    [GeneratedRegex(@"(?<sign>[+\-−△▽▲▼])?\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"%|percent|change|growth|증감률|증가율|증감|y-o-y|yoy|y/y", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex PercentHeaderRegex();

    [GeneratedRegex(@"previous\smonth|m/m|month[\s-]on[\s-]month|전월", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex PreviousMonthRegex();

    [GeneratedRegex(@"\b(?<cur>usd|us\$|\$|krw|won|jpy|yen|eur|euro)?\s?(?<scale>trillion|billion|million|thousand|bn|mn|tn)\b\s?(?<cur2>usd|us\$|dollars?|krw|won|jpy|yen|eur|euros?)?|(?<k>억\s?달러|백만\s?달러|천\s?달러|조\s?원|억\s?원)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex UnitRegex();

    private sealed record Column(Period? Period, bool IsPercent, bool Skip, decimal Multiplier, string Currency, bool PreviousMonth, string Header);

    public static void Read(TableGrid table, DocumentContext doc, List<Extracted> records)
    {
        var caption = table.Caption;
        var captionLower = caption.ToLowerInvariant();
        var captionUnit = Unit(captionLower);
        var captionPeriod = FirstPeriod(caption, captionLower, doc);
        var captionFlow = CaptionFlow(caption, captionLower, doc);
        var captionPercent = captionLower.Contains("change", StringComparison.Ordinal) && !captionLower.Contains("billion", StringComparison.Ordinal);

        var headerRows = 0;
        while (headerRows < table.Rows.Count && !HasDataCells(table.Rows[headerRows]))
        {
            headerRows++;
        }

        var width = table.Rows.Max(r => r.Count);
        var columns = new Column[width];
        for (var c = 1; c < width; c++)
        {
            var header = string.Join(" ", table.Rows.Take(headerRows).Select(r => c < r.Count ? r[c] : ""));
            columns[c] = ReadColumn(header, captionUnit, captionPercent && headerRows == 0, doc);
        }

        for (var r = headerRows; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var label = row[0];
            var subject = RowSubject(label, captionFlow, doc);
            if (subject is null)
            {
                continue;
            }

            for (var c = 1; c < row.Count && c < width; c++)
            {
                var record = Cell(row[c], columns[c], subject.Value, captionPeriod, doc, label);
                if (record is not null)
                {
                    records.Add(record);
                }
            }
        }
    }

    /// <summary>The cell with the row and column it sits in ("Exports | Nov. 2025: 61.04"), which alone would not say what the number is.</summary>
    private static string Evidence(string label, string header, string cell)
    {
        var text = header.Length > 0 ? $"{label} | {header}: {cell}" : $"{label}: {cell}";
        return text.Length > 300 ? text[..300] : text;
    }

    private static bool HasDataCells(List<string> row)
    {
        for (var i = 1; i < row.Count; i++)
        {
            var m = SafeRegex.Match(NumberRegex(), row[i]);
            if (m is not null && !IsPeriodLike(row[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPeriodLike(string cell) =>
        cell.Length > 0 && (Periods.Find(cell, cell.ToLowerInvariant(), new DateOnly(2000, 1, 1), null, "").Count > 0 || cell.Contains('월', StringComparison.Ordinal));

    private static Column ReadColumn(string header, (decimal Multiplier, string Currency)? captionUnit, bool percentByCaption, DocumentContext doc)
    {
        var lower = header.ToLowerInvariant();
        var periods = Periods.Find(header, lower, doc.Published, doc.Main, doc.Reporter).FindAll(p => p.Role != PeriodRole.YearEarlier);
        Period? period = periods.Count > 0 ? periods[0].Period : null;
        var skip = false;
        if (periods.Count >= 2 && period is { } own && periods[1].Period != own.ShiftYears(-1))
        {
            skip = true; // "Mar-22 over Mar-20": growth over two years has no contract measure.
        }

        var unit = Unit(lower) ?? captionUnit ?? (1_000_000_000m, "USD");
        var isPercent = SafeRegex.IsMatch(PercentHeaderRegex(), lower) || percentByCaption;
        return new Column(period, isPercent, skip, unit.Multiplier, unit.Currency, SafeRegex.IsMatch(PreviousMonthRegex(), lower), header.Trim());
    }

    private static (decimal Multiplier, string Currency)? Unit(string lower)
    {
        var m = SafeRegex.Match(UnitRegex(), lower);
        if (m is null)
        {
            return null;
        }

        if (m.Groups["k"].Success)
        {
            var k = m.Groups["k"].Value.Replace(" ", "", StringComparison.Ordinal);
            return k switch
            {
                "억달러" => (100_000_000m, "USD"),
                "백만달러" => (1_000_000m, "USD"),
                "천달러" => (1_000m, "USD"),
                "조원" => (1_000_000_000_000m, "KRW"),
                _ => (100_000_000m, "KRW"),
            };
        }

        var cur = (m.Groups["cur"].Value + m.Groups["cur2"].Value).ToUpperInvariant();
        var currency = cur.Contains("KRW", StringComparison.Ordinal) || cur.Contains("WON", StringComparison.Ordinal) ? "KRW"
            : cur.Contains("JPY", StringComparison.Ordinal) || cur.Contains("YEN", StringComparison.Ordinal) ? "JPY"
            : cur.Contains("EUR", StringComparison.Ordinal) ? "EUR" : "USD";
        return (Money.Multiplier(m.Groups["scale"].Value), currency);
    }

    private static Period? FirstPeriod(string caption, string lower, DocumentContext doc)
    {
        foreach (var p in Periods.Find(caption, lower, doc.Published, doc.Main, doc.Reporter))
        {
            if (p.Role == PeriodRole.Normal)
            {
                return p.Period;
            }
        }

        return null;
    }

    private static string? CaptionFlow(string caption, string lower, DocumentContext doc)
    {
        foreach (var t in doc.Lexicon.Find(caption, lower))
        {
            if (t.Kind == TermKind.Flow && t.Value is "exports" or "imports")
            {
                return lower.Contains("imports", StringComparison.Ordinal) && lower.Contains("exports", StringComparison.Ordinal) ? null : t.Value;
            }
        }

        return null;
    }

    private readonly record struct Subject(string Flow, int BalanceSign, string Product, string Partner, bool Daily);

    private static Subject? RowSubject(string label, string? captionFlow, DocumentContext doc)
    {
        var lower = label.ToLowerInvariant();
        string? flow = null;
        var sign = 0;
        string? product = null;
        string? partner = null;
        var daily = false;
        foreach (var t in doc.Lexicon.Find(label, lower))
        {
            switch (t.Kind)
            {
                case TermKind.Flow when flow is null || t.Value is "deficit" or "surplus":
                    flow = t.Value is "surplus" or "deficit" or "balance" ? "balance" : t.Value == "same" ? null : t.Value;
                    sign = t.Value == "deficit" ? -1 : t.Value == "surplus" ? 1 : sign;
                    break;
                case TermKind.Product:
                    product = t.Value;
                    break;
                case TermKind.Partner when t.Value != doc.Reporter:
                    partner = t.Value;
                    break;
                case TermKind.Daily:
                    daily = true;
                    break;
                case TermKind.Blocker or TermKind.TotalTrade:
                    return null;
            }
        }

        flow ??= product is not null || partner is not null ? captionFlow ?? "exports" : null;
        return flow is null ? null : new Subject(flow, sign, product ?? "total", partner ?? "world", daily);
    }

    private static Extracted? Cell(string text, Column column, Subject subject, Period? captionPeriod, DocumentContext doc, string label)
    {
        if (column.Skip || text.Length == 0)
        {
            return null;
        }

        var period = column.Period ?? captionPeriod ?? doc.Main;
        var inlineMoney = Money.ParseOne(text);
        var inlinePercent = Percent.Find(text);
        decimal value;
        int decimals;
        bool isPercent;
        var unit = column.Currency;
        if (inlineMoney is { } money)
        {
            (value, decimals, isPercent, unit) = (money.Value, money.Decimals, false, money.Currency);
        }
        else if (inlinePercent.Count == 1)
        {
            var p = inlinePercent[0];
            (value, decimals, isPercent) = (p.Sign < 0 ? -p.Value : p.Value, Numbers.Decimals(p.Value), true);
        }
        else
        {
            var m = SafeRegex.Match(NumberRegex(), text);
            if (m is null || m.Length < text.Trim().Length - 2 || !Numbers.TryParse(m.Groups["num"].Value, out var n))
            {
                return null;
            }

            var negative = m.Groups["sign"].Success && m.Groups["sign"].Value is not ("+" or "▲");
            decimals = Numbers.Decimals(n);
            isPercent = column.IsPercent;
            if (!isPercent && !Numbers.TryMultiply(n, column.Multiplier, out n))
            {
                return null;
            }

            value = negative ? -n : n;
        }

        string measure;
        if (isPercent)
        {
            measure = subject.Daily ? "daily_avg_yoy_pct" : column.PreviousMonth || (doc.Seasonal && period.Kind == PeriodKind.Month) ? "mom_pct" : "yoy_pct";
            unit = "%";
        }
        else
        {
            measure = subject.Daily ? "daily_avg_value" : "value";
            if (subject.BalanceSign < 0 && value > 0)
            {
                value = -value;
            }
        }

        var record = new FigureRecord(doc.Reporter, subject.Flow, subject.Product, subject.Partner, period.ToString(), measure, "actual",
            doc.Seasonal ? "seasonal" : "none", Numbers.Normalize(value), unit, Evidence(label, column.Header, text));
        return new Extracted(record, decimals);
    }
}
