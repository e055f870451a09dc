using IngestWorker.Hosting;
using Serilog.Events;
using Serilog.Parsing;

namespace IngestWorker.Tests.Hosting;

public sealed class JournalConsoleFormatterTests
{
    [Theory]
    [InlineData(LogEventLevel.Information, "<6>")]
    [InlineData(LogEventLevel.Warning, "<4>")]
    [InlineData(LogEventLevel.Error, "<3>")]
    [InlineData(LogEventLevel.Debug, "<7>")]
    public void Format_Event_StartsWithItsSyslogPriorityAndHasNoTimestamp(LogEventLevel level, string prefix)
    {
        var template = new MessageTemplateParser().Parse("New figure {FigureKey} {Value}");
        var properties = new[] { new LogEventProperty("FigureKey", new ScalarValue("KR exports total/world")), new LogEventProperty("Value", new ScalarValue("61.04 bn USD")) };
        var logEvent = new LogEvent(new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero), level, null, template, properties);
        using var output = new StringWriter();

        new JournalConsoleFormatter().Format(logEvent, output);

        Assert.Equal(prefix + "New figure KR exports total/world 61.04 bn USD" + Environment.NewLine, output.ToString());
    }
}
