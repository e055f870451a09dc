using IngestWorker.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Ingestion;

/// <summary>Turns what a document's write changed into the events people read: one per new, revised or conflicting figure.</summary>
public sealed class OutcomeLogger(ILogger<OutcomeLogger> logger, IEnumerable<IFigureObserver>? observers = null)
{
    private readonly IFigureObserver[] _observers = [.. observers ?? []];

    public void Log(StoredDocument document, RecordOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(outcome);
        var title = document.Title ?? document.Url;
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogChanges(title, outcome);
        }

        if (logger.IsEnabled(LogLevel.Warning))
        {
            foreach (var conflict in outcome.Conflicts)
            {
                var figure = conflict.Recorded;
                using var scope = FigureScope(figure);
                IngestionLog.FigureConflict(logger, FigureText.Key(figure), figure.Period, figure.Measure,
                    FigureText.Value(figure), figure.SourceId, FigureText.Value(conflict.Other), conflict.Other.SourceId);
            }
        }

        foreach (var observer in _observers)
        {
            observer.Recorded(document, outcome);
        }
    }

    private void LogChanges(string title, RecordOutcome outcome)
    {
        // A change the document states beside its value is shown on the value's line, not again on its own.
        var shown = new HashSet<FigureVersion>(ReferenceEqualityComparer.Instance);
        foreach (var figure in outcome.New)
        {
            if (ChangeOf(figure, outcome.New) is { } change)
            {
                shown.Add(change);
            }
        }

        foreach (var figure in outcome.New)
        {
            if (shown.Contains(figure))
            {
                continue;
            }

            using var scope = FigureScope(figure);
            IngestionLog.NewFigure(logger, FigureText.Key(figure), figure.Period, figure.Measure, FigureText.Value(figure),
                ChangeOf(figure, outcome.New) is { } change ? $" ({FigureText.Value(change)} y/y)" : "", figure.SourceId, title);
        }

        foreach (var revision in outcome.Revised)
        {
            var figure = revision.Current;
            using var scope = FigureScope(figure);
            if (figure.Reason == VersionReason.ReExtracted)
            {
                IngestionLog.ReExtractedFigure(logger, FigureText.Key(figure), figure.Period, figure.Measure, FigureText.Value(figure),
                    FigureText.Value(revision.Previous), figure.Version, figure.SourceId, title);
            }
            else
            {
                IngestionLog.RevisedFigure(logger, FigureText.Key(figure), figure.Period, figure.Measure, FigureText.Value(figure),
                    FigureText.Value(revision.Previous), figure.Version, figure.SourceId, title);
            }
        }
    }

    /// <summary>The on-year change of a value (or daily average) stated by the same document, which its line shows beside it.</summary>
    private static FigureVersion? ChangeOf(FigureVersion figure, List<FigureVersion> siblings)
    {
        if (figure.Measure is not ("value" or "daily_avg_value"))
        {
            return null;
        }

        var changeMeasure = figure.Measure == "value" ? "yoy_pct" : "daily_avg_yoy_pct";
        return siblings.Find(s => s.Measure == changeMeasure && s.Reporter == figure.Reporter && s.Flow == figure.Flow
            && s.Product == figure.Product && s.Partner == figure.Partner && s.Period == figure.Period && s.Basis == figure.Basis
            && s.Adjustment == figure.Adjustment);
    }

    /// <summary>The figure's parts as properties, so a log shipper can filter on them.</summary>
    private IDisposable? FigureScope(FigureVersion figure) => logger.BeginScope(new Dictionary<string, object?>
    {
        ["Reporter"] = figure.Reporter,
        ["Flow"] = figure.Flow,
        ["Product"] = figure.Product,
        ["Partner"] = figure.Partner,
        ["Basis"] = figure.Basis,
        ["Adjustment"] = figure.Adjustment,
        ["RawValue"] = figure.Value,
        ["Unit"] = figure.Unit,
        ["DocumentUrl"] = figure.DocumentUrl,
        ["Evidence"] = figure.Evidence,
    });
}
